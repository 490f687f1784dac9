// connect-es (@connectrpc/connect-node) against the demo's greet.v1.GreetService, over HTTP/1.1 and h2c,
// with the binary (application/proto) and JSON codecs.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createWritableIterable } from "@connectrpc/connect/protocol";
import { compressionGzip } from "@connectrpc/connect-node";
import { GreetService } from "../gen/greet/v1/greet_pb.js";
import { collect, matrix, transportFor } from "./support.js";

/** Asserts that the promise rejects with a ConnectError with the given code (and raw message, if given). */
async function assertConnectError(promise, code, rawMessage) {
  await assert.rejects(promise, (err) => {
    assert.ok(err instanceof ConnectError, `expected a ConnectError, got ${err}`);
    assert.equal(err.code, code, `code: expected ${Code[code]}, got ${Code[err.code]} (${err.message})`);
    if (rawMessage !== undefined) {
      assert.equal(err.rawMessage, rawMessage);
    }
    return true;
  });
}

for (const m of matrix) {
  describe(`connect-es ${m.label}`, () => {
    const client = createClient(GreetService, transportFor(m));

    describe("Greet (unary)", () => {
      test("answers with the greeting and the greet-version response header", async () => {
        let header;
        const res = await client.greet({ name: "Ada" }, { onHeader: (h) => (header = h) });
        assert.equal(res.greeting, "Hello, Ada!");
        assert.ok(header, "onHeader was not called");
        assert.equal(header.get("greet-version"), "v1");
      });

      test("fails with invalid_argument \"name is required\" for an empty name", async () => {
        await assertConnectError(client.greet({ name: "" }), Code.InvalidArgument, "name is required");
      });

      test("works over HTTP GET (NO_SIDE_EFFECTS)", async () => {
        const wire = [];
        const getClient = createClient(GreetService, transportFor(m, { useHttpGet: true, wire }));
        let header;
        const res = await getClient.greet({ name: "Grace" }, { onHeader: (h) => (header = h) });
        assert.equal(res.greeting, "Hello, Grace!");
        assert.equal(header.get("greet-version"), "v1");
        assert.equal(wire.length, 1);
        assert.equal(wire[0].method, "GET", "the client did not use GET");
      });

      test("errors over HTTP GET carry code and message too", async () => {
        const getClient = createClient(GreetService, transportFor(m, { useHttpGet: true }));
        await assertConnectError(getClient.greet({ name: "" }), Code.InvalidArgument, "name is required");
      });

      test("accepts a connect-timeout-ms deadline (timeoutMs: 5000)", async () => {
        const wire = [];
        const timedClient = createClient(GreetService, transportFor(m, { wire }));
        const res = await timedClient.greet({ name: "Ada" }, { timeoutMs: 5000 });
        assert.equal(res.greeting, "Hello, Ada!");
        const sent = Number(wire[0].requestHeader.get("connect-timeout-ms"));
        assert.ok(sent > 0 && sent <= 5000, `connect-timeout-ms sent: ${sent}`);
      });
    });

    describe("GreetEveryone (client stream)", () => {
      test("answers one line per request", async () => {
        async function* names() {
          yield { name: "Ada" };
          yield { name: "Grace" };
          yield { name: "Linus" };
        }
        const res = await client.greetEveryone(names());
        assert.equal(res.greeting, "Hello, Ada!\nHello, Grace!\nHello, Linus!\n");
      });

      test("answers an empty greeting to an empty stream", async () => {
        async function* none() {}
        const res = await client.greetEveryone(none());
        assert.equal(res.greeting, "");
      });
    });

    describe("GreetStream (server stream)", () => {
      test("streams count greetings", async () => {
        const res = await collect(client.greetStream({ name: "Ada", count: 3 }));
        assert.deepEqual(
          res.map((r) => r.greeting),
          ["Hello, Ada! #1", "Hello, Ada! #2", "Hello, Ada! #3"],
        );
      });

      test("count 0 ends the stream without messages or error", async () => {
        const res = await collect(client.greetStream({ name: "Ada", count: 0 }));
        assert.equal(res.length, 0);
      });

      test("a negative count fails with invalid_argument after zero messages", async () => {
        const received = [];
        await assertConnectError(
          (async () => {
            for await (const r of client.greetStream({ name: "Ada", count: -1 })) {
              received.push(r);
            }
          })(),
          Code.InvalidArgument,
        );
        assert.equal(received.length, 0);
      });

      test("reads 10000 messages completely and in order", async () => {
        let n = 0;
        for await (const r of client.greetStream({ name: "Ada", count: 10000 })) {
          n++;
          if (r.greeting !== `Hello, Ada! #${n}`) {
            assert.fail(`message ${n}: ${r.greeting}`);
          }
        }
        assert.equal(n, 10000);
      });
    });

    describe("Converse (bidi stream)", () => {
      if (m.httpVersion === "2") {
        // A client or server that buffers the request stream would hang here; the timeout turns that into a failure.
        test("full duplex: each response arrives before the next request is sent", { timeout: 30_000 }, async () => {
          const requests = createWritableIterable();
          const responses = client.converse(requests)[Symbol.asyncIterator]();
          const log = [];
          for (const name of ["Ada", "Grace", "Linus"]) {
            // The next request is written only once the response to the previous one was received.
            await requests.write({ name });
            log.push(`sent ${name}`);
            const next = await responses.next();
            assert.equal(next.done, false, `stream ended before the answer to ${name}`);
            log.push(`received ${next.value.greeting}`);
          }
          requests.close();
          const end = await responses.next();
          assert.equal(end.done, true);
          assert.deepEqual(log, [
            "sent Ada",
            "received Hello, Ada!",
            "sent Grace",
            "received Hello, Grace!",
            "sent Linus",
            "received Hello, Linus!",
          ]);
        });

        test("answers all requests of a stream sent at once", async () => {
          async function* names() {
            for (let i = 1; i <= 100; i++) {
              yield { name: `n${i}` };
            }
          }
          const res = await collect(client.converse(names()));
          assert.deepEqual(
            res.map((r) => r.greeting),
            Array.from({ length: 100 }, (_, i) => `Hello, n${i + 1}!`),
          );
        });
      } else {
        // Interleaved bidi streams need HTTP/2 (the Connect spec and connect-es say so), so ping-pong is only
        // asserted over h2c above. connect-node does not refuse bidi over HTTP/1.1: it streams the request body
        // and reads the response, which must work at least half-duplex (whole request stream, then the
        // answers). The deadline turns a hang into a deadline_exceeded failure instead of a stuck test run.
        test("half duplex: a request stream sent in full is answered in full (no hang)", async () => {
          async function* names() {
            yield { name: "Ada" };
            yield { name: "Grace" };
          }
          const res = await collect(client.converse(names(), { timeoutMs: 10000 }));
          assert.deepEqual(res.map((r) => r.greeting), ["Hello, Ada!", "Hello, Grace!"]);
        });
      }
    });

    describe("gzip", () => {
      const longName = "x".repeat(2048);

      test("a large unary response is gzip-compressed when accepted and decodes correctly", async () => {
        const wire = [];
        const gz = createClient(
          GreetService,
          transportFor(m, { acceptCompression: [compressionGzip], wire }),
        );
        const res = await gz.greet({ name: longName });
        assert.equal(res.greeting, `Hello, ${longName}!`);
        assert.match(wire[0].requestHeader.get("accept-encoding") ?? "", /gzip/);
        assert.equal(wire[0].responseHeader.get("content-encoding"), "gzip");
      });

      test("a gzip-compressed unary request is accepted", async () => {
        const wire = [];
        const gz = createClient(
          GreetService,
          transportFor(m, {
            sendCompression: compressionGzip,
            acceptCompression: [compressionGzip],
            compressMinBytes: 0,
            wire,
          }),
        );
        const res = await gz.greet({ name: "Ada" });
        assert.equal(res.greeting, "Hello, Ada!");
        assert.equal(wire[0].requestHeader.get("content-encoding"), "gzip");
      });

      test("a gzip-compressed unary GET request is accepted", async () => {
        const gz = createClient(
          GreetService,
          transportFor(m, {
            useHttpGet: true,
            sendCompression: compressionGzip,
            acceptCompression: [compressionGzip],
            compressMinBytes: 0,
          }),
        );
        const res = await gz.greet({ name: longName });
        assert.equal(res.greeting, `Hello, ${longName}!`);
      });

      test("GreetStream with > 1 KiB messages decodes correctly with gzip accepted", async () => {
        const wire = [];
        const gz = createClient(
          GreetService,
          transportFor(m, { acceptCompression: [compressionGzip], wire }),
        );
        const res = await collect(gz.greetStream({ name: longName, count: 5 }));
        assert.deepEqual(
          res.map((r) => r.greeting),
          [1, 2, 3, 4, 5].map((i) => `Hello, ${longName}! #${i}`),
        );
        assert.equal(wire[0].responseHeader.get("connect-content-encoding"), "gzip");
      });

      test("GreetEveryone with gzip-compressed request messages", async () => {
        const wire = [];
        const gz = createClient(
          GreetService,
          transportFor(m, {
            sendCompression: compressionGzip,
            acceptCompression: [compressionGzip],
            compressMinBytes: 0,
            wire,
          }),
        );
        async function* names() {
          yield { name: "Ada" };
          yield { name: longName };
          yield { name: "Linus" };
        }
        const res = await gz.greetEveryone(names());
        assert.equal(res.greeting, `Hello, Ada!\nHello, ${longName}!\nHello, Linus!\n`);
        assert.equal(wire[0].requestHeader.get("connect-content-encoding"), "gzip");
      });

      if (m.httpVersion === "2") {
        test("Converse with gzip in both directions", { timeout: 30_000 }, async () => {
          const gz = createClient(
            GreetService,
            transportFor(m, { sendCompression: compressionGzip, acceptCompression: [compressionGzip], compressMinBytes: 0 }),
          );
          const requests = createWritableIterable();
          const responses = gz.converse(requests)[Symbol.asyncIterator]();
          for (const name of ["Ada", longName]) {
            await requests.write({ name });
            const next = await responses.next();
            assert.equal(next.value?.greeting, `Hello, ${name}!`);
          }
          requests.close();
          assert.equal((await responses.next()).done, true);
        });
      }
    });
  });
}
