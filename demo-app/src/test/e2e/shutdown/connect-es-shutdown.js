// connect-es (@connectrpc/connect-node) over the Connect and gRPC-Web protocols, HTTP/1.1 and h2c, against a demo
// that shuts down gracefully while the calls are open. Run by NodeShutdownIT, which starts the demo with the test
// triggers and a grace period (spring.lifecycle.timeout-per-shutdown-phase) of 5 s, and closes it once the server
// counts the 11 calls this script opens in flight. Not a test file of the main suite (node --test without arguments
// skips this directory), as it ends the server it runs against.
//
// For each of the four transports: a slow unary call (x-slow-ms: 3000) in flight completes; a busy server stream of
// 20 KiB messages (one each 5 ms, x-pace-ms; on a connection of its own) and, on h2c, an open bidi stream end with
// unavailable "server is shutting down" after whole messages; a new call fails with unavailable. The
// grpc.health.v1 watch sees NOT_SERVING and ends before the grace period.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createWritableIterable } from "@connectrpc/connect/protocol";
import { createConnectTransport, createGrpcWebTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { GreetService } from "../gen/greet/v1/greet_pb.js";
import { Health, HealthCheckResponse_ServingStatus as ServingStatus } from "../gen/grpc/health/v1/health_pb.js";
import { baseUrl } from "../tests/support.js";

const NAME = "x".repeat(20 * 1024);
const SHUTTING_DOWN = "server is shutting down";

const sessionManagers = [];

function transport(create, httpVersion) {
  const options = { baseUrl, httpVersion, useBinaryFormat: true };
  if (httpVersion === "2") {
    const sm = new Http2SessionManager(baseUrl);
    sessionManagers.push(sm);
    options.sessionManager = sm;
  }
  return create(options);
}

const transports = [
  { label: "Connect HTTP/1.1", create: createConnectTransport, httpVersion: "1.1" },
  { label: "Connect h2c", create: createConnectTransport, httpVersion: "2" },
  { label: "gRPC-Web HTTP/1.1", create: createGrpcWebTransport, httpVersion: "1.1" },
  { label: "gRPC-Web h2c", create: createGrpcWebTransport, httpVersion: "2" },
];

/** Asserts that an error is unavailable "server is shutting down". */
function isShuttingDown(err, what) {
  assert.ok(err instanceof ConnectError, `${what}: expected a ConnectError, got ${err}`);
  assert.equal(err.code, Code.Unavailable, `${what}: ${Code[err.code]} ${err.message}`);
  assert.equal(err.rawMessage, SHUTTING_DOWN, what);
}

/** Reads a server stream of numbered greetings, checking each; resolves with the count and the error that ended it. */
async function readNumbered(responses, started) {
  let received = 0;
  try {
    for await (const res of responses) {
      received++;
      assert.equal(res.greeting, `Hello, ${NAME}! #${received}`, `greeting #${received} arrived whole`);
      if (received === 10) {
        started();
      }
    }
  } catch (err) {
    return { received, err };
  }
  return { received, err: undefined };
}

test("calls in flight complete, open streams end unavailable, new calls are refused", async () => {
  // The health watch, then for each transport a unary call and a server stream, and on h2c a bidi stream.
  const health = createClient(Health, transport(createConnectTransport, "2"));
  const statuses = [];
  let serving;
  const servingSeen = new Promise((resolve) => (serving = resolve));
  const watchEnded = (async () => {
    for await (const res of health.watch({ service: "" })) {
      statuses.push(res.status);
      if (res.status === ServingStatus.SERVING) {
        serving();
      }
    }
  })();
  await servingSeen;

  const calls = transports.map((t) => {
    const client = createClient(GreetService, transport(t.create, t.httpVersion));
    const busyClient = createClient(GreetService, transport(t.create, t.httpVersion));
    let streaming;
    const streamStarted = new Promise((resolve) => (streaming = resolve));
    const stream = readNumbered(
      busyClient.greetStream({ name: NAME, count: 2 ** 31 - 1 }, { headers: { "x-pace-ms": "5" } }),
      streaming,
    );
    let bidi;
    let bidiStarted = Promise.resolve();
    if (t.httpVersion === "2") {
      const requests = createWritableIterable();
      const responses = client.converse(requests)[Symbol.asyncIterator]();
      let answered;
      bidiStarted = new Promise((resolve) => (answered = resolve));
      bidi = (async () => {
        const greetings = [];
        try {
          await requests.write({ name: "Grace" });
          for (let next = await responses.next(); !next.done; next = await responses.next()) {
            greetings.push(next.value.greeting);
            answered();
          }
        } catch (err) {
          return { greetings, err };
        }
        return { greetings, err: undefined };
      })();
    }
    return { t, client, stream, streamStarted, bidi, bidiStarted };
  });
  await Promise.all(calls.flatMap((c) => [c.streamStarted, c.bidiStarted]));
  // The unary calls last 3 s, less than the grace period: started last, so that they are still in flight when the
  // shutdown begins.
  for (const c of calls) {
    c.unary = c.client.greet({ name: "Ada" }, { headers: { "x-slow-ms": "3000" } });
  }
  // NodeShutdownIT closes the demo once the server counts every call above in flight.
  console.log("[shutdown] calls open, waiting for the shutdown");

  // Health turns NOT_SERVING and the watch ends, before the grace period.
  await watchEnded;
  assert.equal(statuses.at(-1), ServingStatus.NOT_SERVING);

  // A new call fails with unavailable: the server refuses it, or its listener is closed. The health watch ends just
  // before the server starts refusing calls, so a call may still slip in: try until one is refused.
  const fresh = createClient(GreetService, transport(createConnectTransport, "1.1"));
  let refused;
  for (let attempt = 0; attempt < 50 && refused === undefined; attempt++) {
    try {
      await fresh.greet({ name: "Linus" });
    } catch (err) {
      // A call written into a kept-alive connection the closing server has just reset fails with "aborted" (write
      // ECONNRESET) before any answer: it slipped in too, so try again.
      if (!(err instanceof ConnectError && err.code === Code.Aborted && /ECONNRESET/.test(err.message))) {
        refused = err;
      }
    }
  }
  assert.ok(refused instanceof ConnectError, `a new call was refused: ${refused}`);
  assert.equal(refused.code, Code.Unavailable, `${Code[refused.code]} ${refused.message}`);

  for (const c of calls) {
    // The unary call in flight completes during the grace period.
    const res = await c.unary;
    assert.equal(res.greeting, "Hello, Ada!", c.t.label);
  }
  for (const c of calls) {
    // When the grace period is over, the streams end with unavailable after whole messages.
    const stream = await c.stream;
    assert.ok(stream.received >= 10, `${c.t.label}: ${stream.received} greetings`);
    isShuttingDown(stream.err, `${c.t.label} server stream`);
    console.log(`[shutdown] ${c.t.label}: the server stream delivered ${stream.received} greetings of 20 KiB`);
    if (c.bidi) {
      const bidi = await c.bidi;
      assert.deepEqual(bidi.greetings, ["Hello, Grace!"], c.t.label);
      isShuttingDown(bidi.err, `${c.t.label} bidi stream`);
    }
  }
  sessionManagers.forEach((sm) => sm.abort());
});
