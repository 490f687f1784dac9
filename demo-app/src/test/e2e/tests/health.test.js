// connect-es (@connectrpc/connect-node) calling the demo's grpc.health.v1.Health (auto-configured from Actuator's
// health), over HTTP/1.1 and h2c with both codecs: Check, List, and Watch until the client cancels.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { Health, HealthCheckResponse_ServingStatus as ServingStatus } from "../gen/grpc/health/v1/health_pb.js";
import { matrix, transportFor } from "./support.js";

for (const m of matrix) {
  describe(`grpc.health.v1.Health with connect-es ${m.label}`, () => {
    const client = createClient(Health, transportFor(m));

    test("Check of the server (empty name) is SERVING", async () => {
      const res = await client.check({ service: "" });
      assert.equal(res.status, ServingStatus.SERVING);
    });

    test("Check of a served service is SERVING", async () => {
      const res = await client.check({ service: "greet.v1.GreetService" });
      assert.equal(res.status, ServingStatus.SERVING);
    });

    test("Check of an unknown service fails with not_found", async () => {
      await assert.rejects(client.check({ service: "nope.v1.Nope" }), (err) => {
        assert.ok(err instanceof ConnectError, `expected a ConnectError, got ${err}`);
        assert.equal(err.code, Code.NotFound, err.message);
        return true;
      });
    });

    test("List has the server and every served service", async () => {
      const res = await client.list({});
      for (const name of ["", "greet.v1.GreetService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"]) {
        assert.equal(res.statuses[name]?.status, ServingStatus.SERVING, `status of "${name}"`);
      }
    });

    test("Watch sends the current status at once and ends when the client cancels", async () => {
      const abort = new AbortController();
      const received = [];
      await assert.rejects(
        (async () => {
          for await (const res of client.watch({ service: "greet.v1.GreetService" }, { signal: abort.signal })) {
            received.push(res.status);
            abort.abort(); // the status does not change here: stop listening after the first message
          }
        })(),
        (err) => {
          assert.equal(ConnectError.from(err).code, Code.Canceled, String(err));
          return true;
        },
      );
      assert.deepEqual(received, [ServingStatus.SERVING]);
    });

    test("Watch of an unknown service sends SERVICE_UNKNOWN and stays open", async () => {
      const abort = new AbortController();
      const received = [];
      await assert.rejects(
        (async () => {
          for await (const res of client.watch({ service: "later.v1.Later" }, { signal: abort.signal })) {
            received.push(res.status);
            abort.abort();
          }
        })(),
        (err) => ConnectError.from(err).code === Code.Canceled,
      );
      assert.deepEqual(received, [ServingStatus.SERVICE_UNKNOWN]);
    });
  });
}
