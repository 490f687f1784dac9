package io.connectspring.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of client calls. Declare a bean of this type to replace
 * {@link DefaultConnectClientObservationConvention}.
 */
public interface ConnectClientObservationConvention extends ObservationConvention<ConnectClientObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ConnectClientObservationContext;
	}

}
