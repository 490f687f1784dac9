package io.connectspring.server.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of served calls. Declare a bean of this type to replace
 * {@link DefaultConnectServerObservationConvention} (or extend it to add tags).
 */
public interface ConnectServerObservationConvention extends ObservationConvention<ConnectServerObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ConnectServerObservationContext;
	}

}
