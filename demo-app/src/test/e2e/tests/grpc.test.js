// connect-es (@connectrpc/connect-node) over the gRPC and gRPC-Web protocols against the demo: all four stream
// types, with the binary and JSON codecs. gRPC needs HTTP/2 (h2c here); gRPC-Web runs over HTTP/1.1 and h2c.
// Tests marked "trigger" need the demo's test-only triggers (TestTriggersConfiguration, TEST_TRIGGERS=1).
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createWritableIterable } from "@connectrpc/connect/protocol";
import {
  compressionGzip,
  createGrpcTransport,
  createGrpcWebTransport,
  Http2SessionManager,
} from "@connectrpc/connect-node";
import { GreetResponseSchema, GreetService } from "../gen/greet/v1/greet_pb.js";
import { baseUrl, collect } from "./support.js";

const triggers = process.env.TEST_TRIGGERS === "1";

const sessionManagers = [];
after(() => sessionManagers.forEach((sm) => sm.abort()));

function sessionManager() {
  const sm = new Http2SessionManager(baseUrl);
  sessionManagers.push(sm);
  return sm;
}

const transports = [];
for (const useBinaryFormat of [true, false]) {
  const codec = useBinaryFormat ? "proto" : "json";
  transports.push({
    label: `gRPC h2c ${codec}`,
    protocol: "grpc",
    bidi: true,
    create: (extra = {}) =>
      createGrpcTransport({ baseUrl, httpVersion: "2", useBinaryFormat, sessionManager: sessionManager(), ...extra }),
  });
  transports.push({
    label: `gRPC-Web h2c ${codec}`,
    protocol: "grpcweb",
    bidi: true,
    create: (extra = {}) =>
      createGrpcWebTransport({ baseUrl, httpVersion: "2", useBinaryFormat, sessionManager: sessionManager(), ...extra }),
  });
  transports.push({
    label: `gRPC-Web HTTP/1.1 ${codec}`,
    protocol: "grpcweb",
    bidi: false,
    create: (extra = {}) => createGrpcWebTransport({ baseUrl, httpVersion: "1.1", useBinaryFormat, ...extra }),
  });
}

/** Asserts that the promise rejects with a ConnectError with the given code (and raw message, if given). */
async function rejectsWith(promise, code, rawMessage) {
  let error;
  await assert.rejects(promise, (err) => {
    assert.ok(err instanceof ConnectError, `expected a ConnectError, got ${err}`);
    assert.equal(err.code, code, `code: expected ${Code[code]}, got ${Code[err.code]} (${err.message})`);
    if (rawMessage !== undefined) {
      assert.equal(err.rawMessage, rawMessage);
    }
    error = err;
    return true;
  });
  return error;
}

for (const t of transports) {
  describe(`connect-es ${t.label}`, () => {
    const client = createClient(GreetService, t.create());

    test("Greet answers with the greeting and the greet-version header", async () => {
      let header;
      const res = await client.greet({ name: "Ada" }, { onHeader: (h) => (header = h) });
      assert.equal(res.greeting, "Hello, Ada!");
      assert.equal(header.get("greet-version"), "v1");
    });

    test("Greet with an empty name fails with invalid_argument", async () => {
      await rejectsWith(client.greet({ name: "" }), Code.InvalidArgument, "name is required");
    });

    test("GreetStream streams count greetings", async () => {
      const res = await collect(client.greetStream({ name: "Ada", count: 3 }));
      assert.deepEqual(
        res.map((r) => r.greeting),
        ["Hello, Ada! #1", "Hello, Ada! #2", "Hello, Ada! #3"],
      );
    });

    test("GreetStream with a negative count fails with invalid_argument", async () => {
      await rejectsWith(collect(client.greetStream({ name: "Ada", count: -1 })), Code.InvalidArgument);
    });

    test("GreetEveryone greets every name sent", async () => {
      async function* names() {
        yield { name: "Ada" };
        yield { name: "Grace" };
      }
      const res = await client.greetEveryone(names());
      assert.equal(res.greeting, "Hello, Ada!\nHello, Grace!\n");
    });

    test("Converse answers each request as it arrives", { skip: !t.bidi && "bidi needs HTTP/2" }, async () => {
      const requests = createWritableIterable();
      const responses = client.converse(requests)[Symbol.asyncIterator]();
      for (const name of ["Ada", "Grace"]) {
        await requests.write({ name });
        const next = await responses.next();
        assert.equal(next.value.greeting, `Hello, ${name}!`);
      }
      requests.close();
      assert.equal((await responses.next()).done, true);
    });

    test("gzip requests and responses", async () => {
      const gzipClient = createClient(
        GreetService,
        t.create({ sendCompression: compressionGzip, acceptCompression: [compressionGzip], compressMinBytes: 1 }),
      );
      const name = "x".repeat(4096);
      const res = await gzipClient.greet({ name });
      assert.equal(res.greeting, `Hello, ${name}!`);
    });

    test("a deadline that passes first is deadline_exceeded", { skip: !triggers && "trigger" }, async () => {
      await rejectsWith(
        client.greet({ name: "Ada" }, { timeoutMs: 300, headers: { "x-slow-ms": "5000" } }),
        Code.DeadlineExceeded,
      );
    });

    test("errors carry details and metadata", { skip: !triggers && "trigger" }, async () => {
      const err = await rejectsWith(
        client.greet({ name: "Ada" }, { headers: { "x-fail": "failed_precondition" } }),
        Code.FailedPrecondition,
        "failed as asked",
      );
      assert.deepEqual(
        err.findDetails(GreetResponseSchema).map((d) => d.greeting),
        ["detail"],
      );
      assert.equal(err.metadata.get("x-error-meta"), "m");
    });

    test("headers and trailers reach the client; the protocol is reported", { skip: !triggers && "trigger" }, async () => {
      let header;
      let trailer;
      await client.greet(
        { name: "Ada" },
        { headers: { "x-echo": "hi", "x-report": "1" }, onHeader: (h) => (header = h), onTrailer: (h) => (trailer = h) },
      );
      assert.equal(header.get("x-echo"), "hi");
      assert.equal(header.get("x-protocol"), t.protocol);
      assert.equal(trailer.get("x-echo-trailer"), "hi");
    });

    test("a server stream's trailers follow its messages", { skip: !triggers && "trigger" }, async () => {
      let trailer;
      const res = await collect(
        client.greetStream({ name: "Ada", count: 2 }, { headers: { "x-echo": "s" }, onTrailer: (h) => (trailer = h) }),
      );
      assert.equal(res.length, 2);
      assert.equal(trailer.get("x-echo-trailer"), "s");
    });
  });
}
