package io.connectspring.server;

/**
 * A service implementation that can describe how its procedures are served. Generated server interfaces extend this
 * and implement {@link #bindService()}; users implement the generated interface, not this one.
 */
public interface BindableService {

	/** Returns the binding of each of the service's procedures to this implementation's methods. */
	ServiceBinding bindService();

}
