// Request validation (connect.server.validation.enabled, buf.validate rules in greet.proto) seen by peers we did not
// write: connect-es over Connect (HTTP/1.1 and h2c, both codecs) and gRPC-Web, decoding the buf.validate.Violations
// error detail, and buf curl (connect-go), which prints the detail it decodes with the schema.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcWebTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { ViolationsSchema } from "../gen/buf/validate/validate_pb.js";
import { GreetService } from "../gen/greet/v1/greet_pb.js";
import { baseUrl, greetSchema, matrix, transportFor } from "./support.js";

// What connect-go's validate interceptor (protovalidate-go) sends for the rule of greet.v1.GreetRequest.name.
const MESSAGE = "validation error:\n - name: value contains substring `\n` [string.not_contains]";

/** Asserts a ConnectError with invalid_argument, the validation message and one violation of the name rule. */
function assertViolation(err) {
  assert.ok(err instanceof ConnectError, `expected a ConnectError, got ${err}`);
  assert.equal(err.code, Code.InvalidArgument, `code: ${Code[err.code]} (${err.message})`);
  assert.equal(err.rawMessage, MESSAGE);
  const details = err.findDetails(ViolationsSchema);
  assert.equal(details.length, 1, `one buf.validate.Violations detail, got ${JSON.stringify(err.details)}`);
  const [violation] = details[0].violations;
  assert.equal(violation.ruleId, "string.not_contains");
  assert.deepEqual(
    violation.field.elements.map((e) => e.fieldName),
    ["name"],
  );
  return true;
}

const sessionManagers = [];
after(() => sessionManagers.forEach((sm) => sm.abort()));

const transports = [
  ...matrix.map((m) => ({ label: `Connect ${m.label}`, create: () => transportFor(m) })),
  ...[true, false].map((useBinaryFormat) => ({
    label: `gRPC-Web h2c ${useBinaryFormat ? "proto" : "json"}`,
    create: () => {
      const sessionManager = new Http2SessionManager(baseUrl);
      sessionManagers.push(sessionManager);
      return createGrpcWebTransport({ baseUrl, httpVersion: "2", useBinaryFormat, sessionManager });
    },
  })),
];

for (const t of transports) {
  describe(`validation, connect-es ${t.label}`, () => {
    const client = createClient(GreetService, t.create());

    test("a name on one line passes", async () => {
      const res = await client.greet({ name: "Ada Lovelace" });
      assert.equal(res.greeting, "Hello, Ada Lovelace!");
    });

    test("a name with a line break fails with invalid_argument and the violations", async () => {
      await assert.rejects(client.greet({ name: "Ada\nLovelace" }), assertViolation);
    });

    test("every message of a client stream is checked", async () => {
      async function* names() {
        yield { name: "Ada" };
        yield { name: "Grace\nHopper" };
      }
      await assert.rejects(client.greetEveryone(names()), assertViolation);
    });
  });
}

describe("validation, buf curl", () => {
  const buf = fileURLToPath(new URL("../node_modules/.bin/buf", import.meta.url));

  test("prints the decoded buf.validate.Violations detail and exits with invalid_argument", async () => {
    const args = ["curl", "--protocol", "connect", "--schema", greetSchema(), "-d", '{"name":"Ada\\nLovelace"}'];
    args.push(`${baseUrl}/greet.v1.GreetService/Greet`);
    const r = await new Promise((resolve, reject) => {
      execFile(buf, args, { timeout: 60_000 }, (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(error);
          return;
        }
        resolve({ code: error ? error.code : 0, stdout, stderr });
      });
    });
    const run = `${args.join(" ")}\nexit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
    // buf curl exits with the Connect error code shifted left by three bits: invalid_argument (3) → 24.
    assert.equal(r.code, 3 << 3, run);
    const error = JSON.parse(r.stderr.slice(r.stderr.indexOf("{")));
    assert.equal(error.code, "invalid_argument", run);
    assert.equal(error.message, MESSAGE, run);
    assert.equal(error.details[0].type, "buf.validate.Violations", run);
    assert.equal(error.details[0].debug.violations[0].ruleId, "string.not_contains", run);
  });
});
