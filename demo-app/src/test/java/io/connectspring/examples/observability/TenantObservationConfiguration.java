package io.connectspring.examples.observability;

import io.connectspring.server.observation.ConnectServerObservationContext;
import io.connectspring.server.observation.ConnectServerObservationConvention;
import io.connectspring.server.observation.DefaultConnectServerObservationConvention;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A server observation convention that adds a low-cardinality tag of its own to the standard ones. */
@Configuration(proxyBeanMethods = false)
public class TenantObservationConfiguration {

	// tag::convention[]
	@Bean
	ConnectServerObservationConvention tenantConvention() {
		return new DefaultConnectServerObservationConvention() {
			@Override
			public KeyValues getLowCardinalityKeyValues(ConnectServerObservationContext context) {
				return super.getLowCardinalityKeyValues(context)
					.and("tenant.tier", tier(context.getCall().requestHeaders().getFirst("x-tenant-tier")));
			}
		};
	}
	// end::convention[]

	/** Few values, whatever the header holds: tags on metrics must stay low-cardinality. */
	static String tier(@Nullable String header) {
		return ("gold".equals(header) || "silver".equals(header)) ? header : "standard";
	}

}
