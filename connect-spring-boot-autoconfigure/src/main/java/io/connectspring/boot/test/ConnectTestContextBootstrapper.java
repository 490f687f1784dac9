package io.connectspring.boot.test;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;
import org.springframework.boot.test.context.ReactiveWebMergedContextConfiguration;
import org.springframework.test.context.MergedContextConfiguration;

/** Bootstraps {@link ConnectTest @ConnectTest}: its properties, and a reactive web application context. */
class ConnectTestContextBootstrapper extends TestSliceTestContextBootstrapper<ConnectTest> {

	@Override
	protected MergedContextConfiguration processMergedContextConfiguration(MergedContextConfiguration mergedConfig) {
		return new ReactiveWebMergedContextConfiguration(super.processMergedContextConfiguration(mergedConfig));
	}

}
