// The demo's bearer-token interceptor (demo.auth.token) seen by connect-es, for all four stream types.
// With AUTH_TOKEN set, the demo under test was started with demo.auth.token=$AUTH_TOKEN: calls without the token,
// or with a wrong one, fail with unauthenticated; calls with it pass. Without AUTH_TOKEN, the demo runs without a
// token and every call passes.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { GreetService } from "../gen/greet/v1/greet_pb.js";
import { collect, matrix, transportFor } from "./support.js";

const token = process.env.AUTH_TOKEN;

/** Sends `Authorization: Bearer <value>` on every call. */
const bearer = (value) => (next) => async (req) => {
  req.header.set("Authorization", `Bearer ${value}`);
  return next(req);
};

async function* names(...list) {
  for (const name of list) {
    yield { name };
  }
}

/** Makes one call of each stream type; resolves with what each answered. */
async function callAll(client) {
  const unary = await client.greet({ name: "Ada" });
  const clientStream = await client.greetEveryone(names("Ada", "Grace"));
  const serverStream = await collect(client.greetStream({ name: "Ada", count: 2 }));
  const bidi = await collect(client.converse(names("Ada", "Grace")));
  return { unary, clientStream, serverStream, bidi };
}

function assertAnswers(answers) {
  assert.equal(answers.unary.greeting, "Hello, Ada!");
  assert.equal(answers.clientStream.greeting, "Hello, Ada!\nHello, Grace!\n");
  assert.deepEqual(answers.serverStream.map((r) => r.greeting), ["Hello, Ada! #1", "Hello, Ada! #2"]);
  assert.deepEqual(answers.bidi.map((r) => r.greeting), ["Hello, Ada!", "Hello, Grace!"]);
}

async function assertUnauthenticated(call) {
  await assert.rejects(call, (err) => {
    assert.ok(err instanceof ConnectError, `expected a ConnectError, got ${err}`);
    assert.equal(err.code, Code.Unauthenticated, `got ${Code[err.code]}: ${err.message}`);
    return true;
  });
}

// Bidi needs HTTP/2; the HTTP/1.1 entries cover the other three types.
const h2 = matrix.filter((m) => m.httpVersion === "2");

for (const m of h2) {
  describe(`bearer token ${m.label}`, () => {
    if (!token) {
      test("without demo.auth.token every call passes without a token", async () => {
        assertAnswers(await callAll(createClient(GreetService, transportFor(m))));
      });
      return;
    }

    test("every stream type passes with the token", async () => {
      assertAnswers(await callAll(createClient(GreetService, transportFor(m, { interceptors: [bearer(token)] }))));
    });

    for (const [label, interceptors] of [
      ["without a token", []],
      ["with a wrong token", [bearer("wrong")]],
    ]) {
      const client = createClient(GreetService, transportFor(m, { interceptors }));
      test(`unary fails with unauthenticated ${label}`, () => assertUnauthenticated(client.greet({ name: "Ada" })));
      test(`client stream fails with unauthenticated ${label}`, () =>
        assertUnauthenticated(client.greetEveryone(names("Ada"))));
      test(`server stream fails with unauthenticated ${label}`, () =>
        assertUnauthenticated(collect(client.greetStream({ name: "Ada", count: 2 }))));
      test(`bidi stream fails with unauthenticated ${label}`, () =>
        assertUnauthenticated(collect(client.converse(names("Ada")))));
    }
  });
}
