// Shared helpers for the end-to-end tests: where the server is, and the transport matrix.
import { existsSync } from "node:fs";
import { after } from "node:test";
import { fileURLToPath } from "node:url";
import { createTransport } from "@connectrpc/connect/protocol-connect";
import { validateReadWriteMaxBytes } from "@connectrpc/connect/protocol";
import {
  compressionBrotli,
  compressionGzip,
  createConnectTransport,
  createNodeHttpClient,
  Http2SessionManager,
} from "@connectrpc/connect-node";

/** Base URL of the running demo app, e.g. http://127.0.0.1:8080 (no trailing slash). */
export const baseUrl = (() => {
  const url = process.env.BASE_URL;
  if (!url) {
    throw new Error("BASE_URL is not set: point it at a running demo app, e.g. BASE_URL=http://127.0.0.1:8080");
  }
  return url.replace(/\/+$/, "");
})();

/**
 * The greet.v1 schema for buf: the image of greet.proto with its imports (buf/validate/validate.proto) that the Maven
 * build of demo-app writes (`mvn -pl demo-app -am test-compile`); buf cannot resolve that import from the proto
 * directory alone.
 */
export function greetSchema() {
  const image = fileURLToPath(new URL("../../../../target/e2e/greet.binpb", import.meta.url));
  if (!existsSync(image)) {
    throw new Error(`${image} is missing: build demo-app first (mvn -pl demo-app -am test-compile)`);
  }
  return image;
}

/** Every combination of HTTP version and codec the tests run against. */
export const matrix = [
  { httpVersion: "1.1", useBinaryFormat: true },
  { httpVersion: "1.1", useBinaryFormat: false },
  { httpVersion: "2", useBinaryFormat: true },
  { httpVersion: "2", useBinaryFormat: false },
].map((m) => ({ ...m, label: `HTTP/${m.httpVersion} ${m.useBinaryFormat ? "proto" : "json"}` }));

const sessionManagers = [];
after(() => {
  for (const sm of sessionManagers) {
    sm.abort();
  }
});

/**
 * A Connect transport for one matrix entry; HTTP/2 is cleartext with prior knowledge (h2c).
 * Extra transport options (interceptors, compression, useHttpGet, ...) are merged in.
 *
 * Without `wire`, this is plain `createConnectTransport` from @connectrpc/connect-node. With `wire: []`, the
 * same transport is assembled from its parts (the Node HTTP client and the Connect protocol transport, with
 * connect-node's defaults) so that every HTTP request as it goes over the wire (method, URL, headers) and the
 * HTTP response status and headers are pushed onto the array. Interceptors cannot see these: connect-es turns
 * POST into GET, for example, after the interceptors ran.
 */
export function transportFor({ httpVersion, useBinaryFormat }, extra = {}) {
  const { wire, ...rest } = extra;
  const options = { baseUrl, httpVersion, useBinaryFormat, ...rest };
  if (httpVersion === "2" && !options.sessionManager) {
    const sm = new Http2SessionManager(baseUrl);
    sessionManagers.push(sm);
    options.sessionManager = sm;
  }
  if (!wire) {
    return createConnectTransport(options);
  }
  const http =
    httpVersion === "2"
      ? createNodeHttpClient({ httpVersion: "2", sessionProvider: () => options.sessionManager })
      : createNodeHttpClient({ httpVersion: "1.1" });
  const httpClient = async (req) => {
    const exchange = { method: req.method, url: req.url, requestHeader: new Headers(req.header) };
    wire.push(exchange);
    const res = await http(req);
    exchange.status = res.status;
    exchange.responseHeader = res.header;
    return res;
  };
  return createTransport({
    interceptors: [],
    sendCompression: null,
    acceptCompression: [compressionGzip, compressionBrotli],
    ...options,
    httpClient,
    ...validateReadWriteMaxBytes(options.readMaxBytes, options.writeMaxBytes, options.compressMinBytes),
  });
}

/** Collects an async iterable into an array. */
export async function collect(iterable) {
  const out = [];
  for await (const item of iterable) {
    out.push(item);
  }
  return out;
}
