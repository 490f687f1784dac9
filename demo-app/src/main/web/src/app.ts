// The demo page's script: greet.v1.GreetService through connect-web, over the Connect protocol or gRPC-Web.
import { ConnectError, createClient, type Client, type Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { GreetService } from "./gen/greet/v1/greet_pb.ts";

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) {
    throw new Error(`the page has no #${id}`);
  }
  return found as T;
}

/** A client for the protocol chosen on the page; the RPC routes are on the page's own origin. */
function client(): Client<typeof GreetService> {
  const protocol = element<HTMLSelectElement>("protocol").value;
  const options = { baseUrl: window.location.origin };
  const transport: Transport =
    protocol === "grpc-web" ? createGrpcWebTransport(options) : createConnectTransport(options);
  return createClient(GreetService, transport);
}

function name(): string {
  return element<HTMLInputElement>("name").value;
}

/** Shows a value in an output and marks it done or failed, the state the page's readers wait for. */
function show(output: HTMLElement, text: string, state: "running" | "done" | "failed"): void {
  output.textContent = text;
  output.dataset.state = state;
}

/** "invalid_argument: name is required", the code as the Connect protocol spells it. */
function describe(error: unknown): { code: string; message: string } {
  const connectError = ConnectError.from(error);
  return { code: codeToString(connectError.code), message: connectError.rawMessage };
}

async function greet(): Promise<void> {
  const result = element("greet-result");
  const version = element("greet-version");
  show(result, "", "running");
  version.textContent = "";
  try {
    const response = await client().greet(
      { name: name() },
      { onHeader: (headers) => (version.textContent = headers.get("greet-version") ?? "(none)") },
    );
    show(result, response.greeting, "done");
  } catch (error) {
    const { code, message } = describe(error);
    show(result, `${code}: ${message}`, "failed");
  }
}

async function greetNobody(): Promise<void> {
  const code = element("error-code");
  const message = element("error-message");
  show(code, "", "running");
  message.textContent = "";
  try {
    const response = await client().greet({ name: "" });
    show(code, `no error: ${response.greeting}`, "failed");
  } catch (error) {
    const described = describe(error);
    message.textContent = described.message;
    show(code, described.code, "done");
  }
}

/**
 * Streams greetings into the list one by one. Each item records when its message came out of the stream
 * (data-received-at) and when it was put on the page (data-shown-at), in Date.now() milliseconds.
 */
async function stream(): Promise<void> {
  const state = element("stream-state");
  const list = element("stream-messages");
  list.replaceChildren();
  show(state, "streaming", "running");
  const count = Number(element<HTMLInputElement>("count").value);
  const intervalMs = Number(element<HTMLInputElement>("interval").value);
  try {
    for await (const response of client().greetStream({ name: name(), count, intervalMs })) {
      const receivedAt = Date.now();
      const item = document.createElement("li");
      item.textContent = response.greeting;
      item.dataset.receivedAt = String(receivedAt);
      list.append(item);
      item.dataset.shownAt = String(Date.now());
    }
    show(state, `done: ${list.children.length} greetings`, "done");
  } catch (error) {
    const { code, message } = describe(error);
    show(state, `${code}: ${message}`, "failed");
  }
}

async function greetEveryone(): Promise<void> {
  const result = element("everyone-result");
  show(result, "", "running");
  async function* everyone() {
    yield { name: name() };
    yield { name: "Grace" };
  }
  try {
    const response = await client().greetEveryone(everyone());
    show(result, response.greeting, "done");
  } catch (error) {
    const { code, message } = describe(error);
    show(result, `${code}: ${message}`, "failed");
  }
}

element("greet").addEventListener("click", () => void greet());
element("fail").addEventListener("click", () => void greetNobody());
element("stream").addEventListener("click", () => void stream());
element("everyone").addEventListener("click", () => void greetEveryone());
