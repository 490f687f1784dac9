// greet.v1.GreetService served by connect-es (@connectrpc/connect-node): a real peer server, written by nobody
// here, for the Java client's end-to-end tests. It behaves like the demo's GreetServiceImpl:
//
//   Greet          "Hello, <name>!" with the response header greet-version: v1; an empty name fails with
//                  invalid_argument "name is required"
//   GreetEveryone  one line "Hello, <name>!\n" per request, in one answer
//   GreetStream    "Hello, <name>! #1" ... "#<count>", each after interval_ms milliseconds; a negative count
//                  fails with invalid_argument "count must not be negative", a negative interval_ms with
//                  "interval_ms must not be negative"
//   Converse       "Hello, <name>!" for each request, as soon as it arrives
//
// plus test-only triggers the demo does not have:
//
//   name "fail:<code>"   fails with that Connect code (snake_case, e.g. fail:permission_denied), the message
//                        "failed as asked: <code>" and one detail, a greet.v1.GreetResponse with the greeting
//                        "detail of <code>". GreetStream sends its count greetings first, then fails; Converse
//                        and GreetEveryone fail when that request arrives.
//   name "slow:<ms>"     waits <ms> milliseconds (or until the call is cancelled or its deadline passes) before
//                        answering, then answers as for the name "slow".
//   header x-echo        is sent back as the response header x-echo and the response trailer x-echo-trailer.
//
// Usage: node server/greet-server.mjs [--http1-port N] [--h2c-port N]   (ports default to 0: any free port)
// When both servers listen it prints one JSON line on stdout, {"http1":<port>,"h2c":<port>}, and then nothing
// else there. It exits when stdin closes (so it never outlives the process that started it) or on SIGTERM.
import http from "node:http";
import http2 from "node:http2";
import { parseArgs } from "node:util";
import { Code, ConnectError } from "@connectrpc/connect";
import { codeFromString } from "@connectrpc/connect/protocol-connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { GreetResponseSchema, GreetService } from "../gen/greet/v1/greet_pb.js";

const { values: options } = parseArgs({
  options: {
    "http1-port": { type: "string", default: "0" },
    "h2c-port": { type: "string", default: "0" },
  },
});

/** Throws the error a "fail:<code>" name asks for; does nothing for other names. */
function failIfAsked(name) {
  if (!name.startsWith("fail:")) {
    return;
  }
  const codeName = name.slice("fail:".length);
  const code = codeFromString(codeName);
  if (code === undefined) {
    throw new ConnectError(`unknown code in "${name}"`, Code.InvalidArgument);
  }
  throw new ConnectError(`failed as asked: ${codeName}`, code, undefined, [
    { desc: GreetResponseSchema, value: { greeting: `detail of ${codeName}` } },
  ]);
}

/** Waits as long as a "slow:<ms>" name asks, or until the call ends; does nothing for other names. */
async function waitIfAsked(name, signal) {
  if (!name.startsWith("slow:")) {
    return name;
  }
  await pause(Number(name.slice("slow:".length)), signal);
  return "slow";
}

/** Waits ms milliseconds, or rejects with canceled when the call ends first. */
function pause(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(ConnectError.from(signal.reason ?? new Error("cancelled"), Code.Canceled));
    });
  });
}

/** Echoes the request header x-echo as a response header and a response trailer. */
function echo(context) {
  const value = context.requestHeader.get("x-echo");
  if (value !== null) {
    context.responseHeader.set("x-echo", value);
    context.responseTrailer.set("x-echo-trailer", value);
  }
}

const greetService = {
  async greet(request, context) {
    echo(context);
    if (request.name === "") {
      throw new ConnectError("name is required", Code.InvalidArgument);
    }
    failIfAsked(request.name);
    const name = await waitIfAsked(request.name, context.signal);
    context.responseHeader.set("greet-version", "v1");
    return { greeting: `Hello, ${name}!` };
  },

  async greetEveryone(requests, context) {
    echo(context);
    let lines = "";
    for await (const request of requests) {
      failIfAsked(request.name);
      const name = await waitIfAsked(request.name, context.signal);
      lines += `Hello, ${name}!\n`;
    }
    return { greeting: lines };
  },

  async *greetStream(request, context) {
    echo(context);
    if (request.count < 0) {
      throw new ConnectError("count must not be negative", Code.InvalidArgument);
    }
    if (request.intervalMs < 0) {
      throw new ConnectError("interval_ms must not be negative", Code.InvalidArgument);
    }
    const name = await waitIfAsked(request.name, context.signal);
    for (let n = 1; n <= request.count; n++) {
      if (request.intervalMs > 0) {
        await pause(request.intervalMs, context.signal);
      }
      yield { greeting: `Hello, ${name}! #${n}` };
    }
    failIfAsked(request.name);
  },

  async *converse(requests, context) {
    echo(context);
    for await (const request of requests) {
      failIfAsked(request.name);
      const name = await waitIfAsked(request.name, context.signal);
      yield { greeting: `Hello, ${name}!` };
    }
  },
};

const handler = connectNodeAdapter({
  routes: (router) => router.service(GreetService, greetService),
});

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server.address().port));
  });
}

const http1Server = http.createServer(handler);
const h2cServer = http2.createServer(handler);
const ports = {
  http1: await listen(http1Server, Number(options["http1-port"])),
  h2c: await listen(h2cServer, Number(options["h2c-port"])),
};
process.stdout.write(JSON.stringify(ports) + "\n");

function shutdown() {
  // Open keep-alive connections and HTTP/2 sessions would hold close() up; the peer that started us is done.
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
process.stdin.on("end", shutdown);
process.stdin.on("error", shutdown);
process.stdin.resume();
