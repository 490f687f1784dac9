// Drives the demo's browser page (demo-app/src/main/web) in a real Chromium through playwright-core, for
// BrowserPageIT: picks the protocol, clicks each call's button, waits until each result has settled, and prints
// what the page shows as one line "RESULT <json>" on stdout:
//
//   { greet:    { state, text, version },       Greet with the name Ada, and its greet-version response header
//     error:    { state, code, message },       Greet without a name
//     stream:   { state, text, messages: [{ text, receivedAt, shownAt }] },   GreetStream, Date.now() millis
//     everyone: { state, text },                GreetEveryone (a client stream)
//     pageErrors: [ uncaught exceptions of the page ] }
//
// Usage: node browser/greet-page.mjs --url http://127.0.0.1:8080/ --protocol connect|grpc-web
//          [--chromium /usr/bin/chromium] [--count 4] [--interval 500]
// The browser runs headless with a fresh profile, which is deleted afterwards.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values: options } = parseArgs({
  options: {
    url: { type: "string" },
    protocol: { type: "string", default: "connect" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    count: { type: "string", default: "4" },
    interval: { type: "string", default: "500" },
  },
});
if (!options.url) {
  throw new Error("--url is required: the page's address, e.g. http://127.0.0.1:8080/");
}

// No network but the page's own origin: nothing of Chromium's own (updates, sync, QUIC probes) leaves the machine.
const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const profile = await mkdtemp(join(tmpdir(), "chromium-profile-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: options.chromium,
  headless: true,
  args: chromiumFlags,
});
try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  await page.goto(options.url);
  await page.selectOption("#protocol", options.protocol);
  await page.fill("#name", "Ada");
  await page.fill("#count", options.count);
  await page.fill("#interval", options.interval);

  // Each call settles when its output's data-state is done or failed.
  const call = async (button, output) => {
    await page.click(button);
    await page.waitForSelector(`${output}:is([data-state="done"], [data-state="failed"])`);
  };
  await call("#greet", "#greet-result");
  await call("#fail", "#error-code");
  await call("#stream", "#stream-state");
  await call("#everyone", "#everyone-result");

  const shown = await page.evaluate(() => {
    const output = (id) => document.getElementById(id);
    return {
      greet: {
        state: output("greet-result").dataset.state,
        text: output("greet-result").textContent,
        version: output("greet-version").textContent,
      },
      error: {
        state: output("error-code").dataset.state,
        code: output("error-code").textContent,
        message: output("error-message").textContent,
      },
      stream: {
        state: output("stream-state").dataset.state,
        text: output("stream-state").textContent,
        messages: [...document.querySelectorAll("#stream-messages li")].map((item) => ({
          text: item.textContent,
          receivedAt: Number(item.dataset.receivedAt),
          shownAt: Number(item.dataset.shownAt),
        })),
      },
      everyone: {
        state: output("everyone-result").dataset.state,
        text: output("everyone-result").textContent,
      },
    };
  });
  console.log("RESULT " + JSON.stringify({ ...shown, pageErrors }));
} finally {
  await browser.close();
  await rm(profile, { recursive: true, force: true });
}
