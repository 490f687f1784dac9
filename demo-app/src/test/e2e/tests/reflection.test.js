// buf curl (connect-go inside the buf CLI) against the demo with server reflection and NO schema file: the demo
// enables connect.server.reflection, so buf curl downloads the schema from grpc.reflection.v1 (or v1alpha), over the
// Connect protocol by default. Reflection needs HTTP/2, so buf curl uses h2c.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { baseUrl } from "./support.js";

const buf = fileURLToPath(new URL("../node_modules/.bin/buf", import.meta.url));

/** Runs buf curl with the given arguments; resolves with exit code, stdout and stderr (never rejects on exit code). */
function bufCurl(args) {
  return new Promise((resolve, reject) => {
    execFile(buf, ["curl", ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        reject(error);
        return;
      }
      resolve({ code: error ? error.code : 0, stdout, stderr, args: args.join(" ") });
    });
  });
}

const describeRun = (r) => `buf curl ${r.args}\nexit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

const SERVICES = [
  "greet.v1.GreetService",
  "grpc.health.v1.Health",
  "grpc.reflection.v1.ServerReflection",
  "grpc.reflection.v1alpha.ServerReflection",
];

// buf curl exits with the gRPC code shifted left by three bits: not_found (5) → 40.
const NOT_FOUND_EXIT = 5 << 3;

for (const [label, flags] of [
  ["grpc.reflection.v1 over Connect", ["--reflect-protocol", "grpc-v1"]],
  ["grpc.reflection.v1alpha over Connect", ["--reflect-protocol", "grpc-v1alpha"]],
  ["default reflection over Connect", []],
]) {
  describe(`buf curl with ${label}`, () => {
    test("--list-services lists every served service, health and reflection included", async () => {
      const r = await bufCurl([...flags, "--list-services", baseUrl]);
      assert.equal(r.code, 0, describeRun(r));
      assert.deepEqual(r.stdout.trim().split("\n"), SERVICES, describeRun(r));
    });

    test("--list-methods lists the methods of every service", async () => {
      const r = await bufCurl([...flags, "--list-methods", baseUrl]);
      assert.equal(r.code, 0, describeRun(r));
      const methods = r.stdout.trim().split("\n");
      for (const method of ["greet.v1.GreetService/Greet", "greet.v1.GreetService/Converse",
        "grpc.health.v1.Health/Check", "grpc.health.v1.Health/Watch",
        "grpc.reflection.v1.ServerReflection/ServerReflectionInfo"]) {
        assert.ok(methods.includes(method), `${method} missing\n${describeRun(r)}`);
      }
    });

    test("Greet is called with the schema from reflection", async () => {
      const r = await bufCurl([...flags, "--http2-prior-knowledge", "-d", '{"name":"Ada"}',
        `${baseUrl}/greet.v1.GreetService/Greet`]);
      assert.equal(r.code, 0, describeRun(r));
      assert.deepEqual(JSON.parse(r.stdout), { greeting: "Hello, Ada!" });
    });

    test("Health Check is called with the schema from reflection", async () => {
      const r = await bufCurl([...flags, "-d", '{"service":"greet.v1.GreetService"}',
        `${baseUrl}/grpc.health.v1.Health/Check`]);
      assert.equal(r.code, 0, describeRun(r));
      assert.deepEqual(JSON.parse(r.stdout), { status: "SERVING" });
    });

    test("Health Check of an unknown service exits with not_found", async () => {
      const r = await bufCurl([...flags, "-d", '{"service":"nope.v1.Nope"}', `${baseUrl}/grpc.health.v1.Health/Check`]);
      assert.equal(r.code, NOT_FOUND_EXIT, describeRun(r));
      assert.match(r.stderr, /unknown service nope\.v1\.Nope/, describeRun(r));
    });

    test("an unknown service is reported as not found by reflection", async () => {
      const r = await bufCurl([...flags, "-d", "{}", `${baseUrl}/nope.v1.Nope/Call`]);
      assert.notEqual(r.code, 0, describeRun(r));
      assert.match(r.stderr, /nope\.v1\.Nope/, describeRun(r));
    });
  });
}

// buf curl's gRPC and gRPC-Web protocols carry the reflection calls too.
for (const protocol of ["grpc", "grpcweb"]) {
  describe(`buf curl --protocol ${protocol} with reflection`, () => {
    test("--list-services and Greet work without a schema", async () => {
      const list = await bufCurl(["--protocol", protocol, "--list-services", baseUrl]);
      assert.equal(list.code, 0, describeRun(list));
      assert.deepEqual(list.stdout.trim().split("\n"), SERVICES, describeRun(list));
      const greet = await bufCurl(["--protocol", protocol, "--http2-prior-knowledge", "-d", '{"name":"Ada"}',
        `${baseUrl}/greet.v1.GreetService/Greet`]);
      assert.equal(greet.code, 0, describeRun(greet));
      assert.deepEqual(JSON.parse(greet.stdout), { greeting: "Hello, Ada!" });
    });

    test("Health Check works without a schema", async () => {
      const r = await bufCurl(["--protocol", protocol, "--http2-prior-knowledge", "-d", '{"service":""}',
        `${baseUrl}/grpc.health.v1.Health/Check`]);
      assert.equal(r.code, 0, describeRun(r));
      assert.deepEqual(JSON.parse(r.stdout), { status: "SERVING" });
    });
  });
}
