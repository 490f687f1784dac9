package io.connectspring.benchmarks.fastpath;

import java.util.Map;

import io.connectspring.benchmarks.SpringBench;
import io.connectspring.benchmarks.connect.BenchGreetService;
import io.connectspring.server.ConnectRouterFunction;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * The starter's bench app ({@code ConnectBenchApplication}: the starter, one {@code @ConnectService}, the same
 * settings) with one fast-path candidate in front of the starter's routes, chosen by {@code --candidate=}:
 * <ul>
 * <li>{@code mapping} (A1): {@link RpcHandlerMapping}, an exact-path handler mapping ahead of the router;</li>
 * <li>{@code filter} (A2): {@link RpcWebFilter}, the last web filter serves the procedures, no dispatcher;</li>
 * <li>{@code decorator} (B): {@link RpcHttpHandlerDecorator}, served before the web filters and the exchange's
 * adapter (an opt-in that skips Spring Security);</li>
 * <li>{@code none}: nothing in front, which is {@code ConnectBenchApplication} itself.</li>
 * </ul>
 * Each candidate calls the starter's own procedure handlers, taken from its {@link ConnectRouterFunction} bean, so
 * the protocol work per call is ours, unchanged; the route stays registered, and serves whatever the candidate leaves.
 */
@SpringBootApplication
@Import(BenchGreetService.class)
public class FastPathBenchApplication {

	/** The property naming the candidate. */
	static final String CANDIDATE = "benchmarks.fastpath.candidate";

	@Bean
	RpcHandlers rpcHandlers(ConnectRouterFunction router) {
		return RpcHandlers.of(router);
	}

	@Bean
	RpcCalls rpcCalls(ServerCodecConfigurer codecs) {
		return new RpcCalls(codecs);
	}

	public static void main(String[] args) {
		String candidate = "none";
		for (String arg : args) {
			if (arg.startsWith("--candidate=")) {
				candidate = arg.substring("--candidate=".length());
			}
		}
		if (!candidate.matches("none|mapping|filter|decorator")) {
			throw new IllegalArgumentException("--candidate must be none, mapping, filter or decorator: " + candidate);
		}
		SpringBench.run(FastPathBenchApplication.class, args, Map.of(CANDIDATE, candidate));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = CANDIDATE, havingValue = "mapping")
	static class MappingCandidate {

		@Bean
		RpcHandlerMapping rpcHandlerMapping(RpcHandlers handlers, RpcCalls calls) {
			return new RpcHandlerMapping(handlers, calls.readers());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = CANDIDATE, havingValue = "filter")
	static class FilterCandidate {

		@Bean
		RpcWebFilter rpcWebFilter(RpcHandlers handlers, RpcCalls calls) {
			return new RpcWebFilter(handlers, calls);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = CANDIDATE, havingValue = "decorator")
	static class DecoratorCandidate {

		@Bean
		RpcHttpHandlerDecorator rpcHttpHandlerDecorator(RpcHandlers handlers, RpcCalls calls,
				ServerCodecConfigurer codecs) {
			return new RpcHttpHandlerDecorator(handlers, calls, codecs);
		}

	}

}
