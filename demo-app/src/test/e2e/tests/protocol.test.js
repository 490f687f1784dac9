// Connect protocol details checked below the client libraries: unknown procedures, HTTP status codes, the
// end-of-stream message, server-side deadlines, GET requests and gzip on the wire.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import { create, createFileRegistry } from "@bufbuild/protobuf";
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
} from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { baseUrl, matrix, transportFor } from "./support.js";

/**
 * greet.v1 as a client believes it to be: GreetService with an extra method Farewell the server does not
 * have, and a whole service MissingService the server does not serve.
 */
const imaginedRegistry = (() => {
  const stringField = (name) => ({
    name,
    jsonName: name,
    number: 1,
    type: FieldDescriptorProto_Type.STRING,
    label: FieldDescriptorProto_Label.OPTIONAL,
  });
  const method = (name) => ({ name, inputType: ".greet.v1.GreetRequest", outputType: ".greet.v1.GreetResponse" });
  const file = create(FileDescriptorProtoSchema, {
    name: "e2e/imagined_greet.proto",
    package: "greet.v1",
    syntax: "proto3",
    messageType: [
      { name: "GreetRequest", field: [stringField("name")] },
      { name: "GreetResponse", field: [stringField("greeting")] },
    ],
    service: [
      { name: "GreetService", method: [method("Greet"), method("Farewell")] },
      { name: "MissingService", method: [method("Greet")] },
    ],
  });
  return createFileRegistry(file, () => undefined);
})();

for (const m of matrix) {
  describe(`unknown procedures, connect-es ${m.label}`, () => {
    const imagined = createClient(imaginedRegistry.getService("greet.v1.GreetService"), transportFor(m));
    const missing = createClient(imaginedRegistry.getService("greet.v1.MissingService"), transportFor(m));

    test("a method the service lacks fails with unimplemented", async () => {
      await assert.rejects(imagined.farewell({ name: "Ada" }), (err) => {
        assert.ok(err instanceof ConnectError, `expected a ConnectError, got ${err}`);
        assert.equal(err.code, Code.Unimplemented, `got ${Code[err.code]}: ${err.message}`);
        return true;
      });
    });

    test("a service the server lacks fails with unimplemented", async () => {
      await assert.rejects(missing.greet({ name: "Ada" }), (err) => {
        assert.ok(err instanceof ConnectError, `expected a ConnectError, got ${err}`);
        assert.equal(err.code, Code.Unimplemented, `got ${Code[err.code]}: ${err.message}`);
        return true;
      });
    });

    test("the imagined client still reaches the methods that exist", async () => {
      const res = await imagined.greet({ name: "Ada" });
      assert.equal(res.greeting, "Hello, Ada!");
    });
  });
}

/**
 * One HTTP/1.1 exchange with node:http, bytes untouched (no automatic decompression, unlike fetch).
 * Reading stops with an error after maxBytes, so a stream that never ends fails instead of hanging.
 */
function exchange({ method = "POST", path, headers = {}, body, maxBytes = 16 * 1024 * 1024 }) {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, baseUrl), { method, headers, agent: false }, (res) => {
      const chunks = [];
      let length = 0;
      res.on("data", (chunk) => {
        chunks.push(chunk);
        length += chunk.length;
        if (length > maxBytes) {
          req.destroy(new Error(`response longer than ${maxBytes} bytes`));
        }
      });
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Frames one message in a Connect envelope. */
function envelope(payload, flags = 0) {
  const head = Buffer.alloc(5);
  head.writeUInt8(flags, 0);
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

/** Splits a Connect streaming body into its envelopes; fails on a truncated envelope. */
function envelopes(body) {
  const out = [];
  let offset = 0;
  while (offset < body.length) {
    assert.ok(offset + 5 <= body.length, `truncated envelope prefix at byte ${offset}`);
    const flags = body.readUInt8(offset);
    const length = body.readUInt32BE(offset + 1);
    assert.ok(offset + 5 + length <= body.length, `truncated envelope at byte ${offset}`);
    out.push({ flags, data: body.subarray(offset + 5, offset + 5 + length) });
    offset += 5 + length;
  }
  return out;
}

const json = (value) => Buffer.from(JSON.stringify(value));
const unaryJson = { "content-type": "application/json", "connect-protocol-version": "1" };
const streamJson = { "content-type": "application/connect+json", "connect-protocol-version": "1" };

describe("Connect protocol on the wire (HTTP/1.1, raw bytes)", () => {
  test("unary success: 200, application/json, greet-version header", async () => {
    const res = await exchange({ path: "/greet.v1.GreetService/Greet", headers: unaryJson, body: json({ name: "Ada" }) });
    assert.equal(res.status, 200);
    assert.match(res.headers["content-type"], /^application\/json/);
    assert.equal(res.headers["greet-version"], "v1");
    assert.deepEqual(JSON.parse(res.body), { greeting: "Hello, Ada!" });
  });

  test("unary error: HTTP 400 with a JSON error body {code, message}", async () => {
    const res = await exchange({ path: "/greet.v1.GreetService/Greet", headers: unaryJson, body: json({ name: "" }) });
    assert.equal(res.status, 400);
    assert.match(res.headers["content-type"], /^application\/json/);
    assert.deepEqual(JSON.parse(res.body), { code: "invalid_argument", message: "name is required" });
  });

  test("unary GET with query parameters: 200 and the greeting", async () => {
    const message = encodeURIComponent(JSON.stringify({ name: "Ada" }));
    const res = await exchange({
      method: "GET",
      path: `/greet.v1.GreetService/Greet?connect=v1&encoding=json&message=${message}`,
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers["greet-version"], "v1");
    assert.deepEqual(JSON.parse(res.body), { greeting: "Hello, Ada!" });
  });

  test("unary GET with base64 and unknown extra query parameters, in another order", async () => {
    const message = Buffer.from(JSON.stringify({ name: "Ada" })).toString("base64url");
    const res = await exchange({
      method: "GET",
      path: `/greet.v1.GreetService/Greet?message=${message}&extra=1&base64=1&encoding=json&connect=v1`,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), { greeting: "Hello, Ada!" });
  });

  test("an unknown method answers HTTP 404 (unimplemented)", async () => {
    const res = await exchange({ path: "/greet.v1.GreetService/Farewell", headers: unaryJson, body: json({ name: "Ada" }) });
    assert.equal(res.status, 404);
  });

  test("an unknown service answers HTTP 404 (unimplemented)", async () => {
    const res = await exchange({ path: "/greet.v1.MissingService/Greet", headers: unaryJson, body: json({ name: "Ada" }) });
    assert.equal(res.status, 404);
  });

  test("an unsupported unary codec answers HTTP 415", async () => {
    const res = await exchange({
      path: "/greet.v1.GreetService/Greet",
      headers: { "content-type": "application/xml", "connect-protocol-version": "1" },
      body: Buffer.from("<name>Ada</name>"),
    });
    assert.equal(res.status, 415);
  });

  test("server stream: messages, then an end-of-stream message with flag 0x02", async () => {
    const res = await exchange({
      path: "/greet.v1.GreetService/GreetStream",
      headers: streamJson,
      body: envelope(json({ name: "Ada", count: 2 })),
    });
    assert.equal(res.status, 200);
    assert.match(res.headers["content-type"], /^application\/connect\+json/);
    const frames = envelopes(res.body);
    assert.deepEqual(frames.map((f) => f.flags), [0, 0, 2]);
    assert.deepEqual(JSON.parse(frames[0].data), { greeting: "Hello, Ada! #1" });
    assert.deepEqual(JSON.parse(frames[1].data), { greeting: "Hello, Ada! #2" });
    assert.equal(frames[2].data.length > 0 ? JSON.parse(frames[2].data).error : undefined, undefined);
  });

  test("server stream error: HTTP 200 and invalid_argument in the end-of-stream message only", async () => {
    const res = await exchange({
      path: "/greet.v1.GreetService/GreetStream",
      headers: streamJson,
      body: envelope(json({ name: "Ada", count: -1 })),
    });
    assert.equal(res.status, 200);
    const frames = envelopes(res.body);
    assert.equal(frames.length, 1, "expected the end-of-stream message alone");
    assert.equal(frames[0].flags, 2);
    assert.equal(JSON.parse(frames[0].data).error.code, "invalid_argument");
  });

  test("connect-timeout-ms: a generous deadline is accepted", async () => {
    const res = await exchange({
      path: "/greet.v1.GreetService/Greet",
      headers: { ...unaryJson, "connect-timeout-ms": "5000" },
      body: json({ name: "Ada" }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), { greeting: "Hello, Ada!" });
  });

  test("connect-timeout-ms: a stream outliving its deadline ends with deadline_exceeded", async () => {
    // Fifty million greetings take far longer than 200 ms to stream; the server must cut the stream short.
    const res = await exchange({
      path: "/greet.v1.GreetService/GreetStream",
      headers: { ...streamJson, "connect-timeout-ms": "200" },
      body: envelope(json({ name: "Ada", count: 50_000_000 })),
      maxBytes: 512 * 1024 * 1024,
    });
    assert.equal(res.status, 200);
    const frames = envelopes(res.body);
    const last = frames.at(-1);
    assert.equal(last.flags, 2, "the stream did not end with an end-of-stream message");
    assert.equal(JSON.parse(last.data).error.code, "deadline_exceeded");
    assert.ok(frames.length - 1 < 50_000_000, "all messages were sent despite the deadline");
  });

  test("gzip: a large unary response is compressed when accepted", async () => {
    const name = "x".repeat(2048);
    const res = await exchange({
      path: "/greet.v1.GreetService/Greet",
      headers: { ...unaryJson, "accept-encoding": "gzip" },
      body: json({ name }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-encoding"], "gzip");
    assert.ok(res.body.length < 1024, `compressed body is ${res.body.length} bytes`);
    assert.deepEqual(JSON.parse(gunzipSync(res.body)), { greeting: `Hello, ${name}!` });
  });

  test("gzip: a large unary response is not compressed when gzip is not accepted", async () => {
    const name = "x".repeat(2048);
    const res = await exchange({
      path: "/greet.v1.GreetService/Greet",
      headers: { ...unaryJson, "accept-encoding": "identity" },
      body: json({ name }),
    });
    assert.equal(res.status, 200);
    assert.ok(!res.headers["content-encoding"] || res.headers["content-encoding"] === "identity");
    assert.deepEqual(JSON.parse(res.body), { greeting: `Hello, ${name}!` });
  });

  test("gzip: a compressed unary request is decompressed", async () => {
    const res = await exchange({
      path: "/greet.v1.GreetService/Greet",
      headers: { ...unaryJson, "content-encoding": "gzip" },
      body: gzipSync(json({ name: "Ada" })),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), { greeting: "Hello, Ada!" });
  });

  test("gzip: large stream messages carry the compressed flag 0x01 and gunzip to the greeting", async () => {
    const name = "x".repeat(2048);
    const res = await exchange({
      path: "/greet.v1.GreetService/GreetStream",
      headers: { ...streamJson, "connect-accept-encoding": "gzip" },
      body: envelope(json({ name, count: 2 })),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers["connect-content-encoding"], "gzip");
    const frames = envelopes(res.body);
    assert.equal(frames.length, 3);
    for (const [i, frame] of frames.slice(0, 2).entries()) {
      assert.equal(frame.flags & 1, 1, `message ${i + 1} is not compressed`);
      assert.deepEqual(JSON.parse(gunzipSync(frame.data)), { greeting: `Hello, ${name}! #${i + 1}` });
    }
    assert.equal(frames[2].flags & 2, 2);
  });

  test("gzip: compressed request envelopes (flag 0x01) are decompressed", async () => {
    const res = await exchange({
      path: "/greet.v1.GreetService/GreetEveryone",
      headers: { ...streamJson, "connect-content-encoding": "gzip" },
      body: Buffer.concat([envelope(gzipSync(json({ name: "Ada" })), 1), envelope(json({ name: "Grace" }), 0)]),
    });
    assert.equal(res.status, 200);
    const frames = envelopes(res.body);
    assert.equal(frames.length, 2);
    assert.deepEqual(JSON.parse(frames[0].data), { greeting: "Hello, Ada!\nHello, Grace!\n" });
    assert.equal(frames[1].flags, 2);
  });
});
