package io.connectspring.demo.e2e;

import io.connectspring.demo.DemoApplication;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real browser (headless Chromium) calls the demo from pages of other origins: the demo allows
 * {@code http://localhost:<any port>} by {@code connect.server.cors.*}, so a page from {@code localhost} gets the
 * greeting (and the exposed {@code greet-version} header), and a page from {@code 127.0.0.1} is refused by the
 * browser. Skipped when no Chromium is installed ({@code chromium} on the PATH, or the {@code CHROMIUM} variable).
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "connect.server.cors.allowed-origin-patterns=http://localhost:[*]",
				"connect.server.cors.exposed-headers=greet-version" })
class BrowserCorsIT {

	private static final Pattern RESULT = Pattern.compile("<pre id=\"result\">(.*?)</pre>", Pattern.DOTALL);

	private static HttpServer pages;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void servePage() throws IOException {
		byte[] page;
		try (InputStream in = BrowserCorsIT.class.getResourceAsStream("/browser/cors.html")) {
			page = in.readAllBytes();
		}
		pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		pages.createContext("/cors.html", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		pages.start();
	}

	@AfterAll
	static void stopPages() {
		pages.stop(0);
	}

	@Test
	void pageFromAnAllowedOriginGetsTheGreetingAndTheExposedHeader() throws Exception {
		assertThat(pageResult("localhost", "Ada"))
			.isEqualTo("{\"status\":200,\"body\":{\"greeting\":\"Hello, Ada!\"},\"greetVersion\":\"v1\"}");
	}

	@Test
	void pageFromAnAllowedOriginReadsConnectErrors() throws Exception {
		assertThat(pageResult("localhost", "")).startsWith("{\"status\":400,\"body\":{\"code\":\"invalid_argument\"")
			.contains("name is required");
	}

	@Test
	void pageFromAnotherOriginIsRefusedByTheBrowser() throws Exception {
		assertThat(pageResult("127.0.0.1", "Ada")).isEqualTo("{\"error\":\"TypeError: Failed to fetch\"}");
	}

	/** Loads the page from the given host in headless Chromium and returns what it wrote into #result. */
	private String pageResult(String pageHost, String name) throws Exception {
		String chromium = Chromium.executable();
		assumeTrue(chromium != null, "Chromium is not installed");
		String url = "http://" + pageHost + ":" + pages.getAddress().getPort() + "/cors.html?api=http://127.0.0.1:"
				+ this.port + "&name=" + name;
		Path profile = Files.createTempDirectory("chromium-profile");
		Process process = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-background-networking", "--user-data-dir=" + profile, "--virtual-time-budget=10000",
				"--dump-dom", url)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
		Matcher result = RESULT.matcher(dom);
		assertThat(result.find()).as("#result in the page:%n%s", dom).isTrue();
		return result.group(1).replace("&quot;", "\"").replace("&amp;", "&");
	}

}
