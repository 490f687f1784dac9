package io.connectspring;

/** Which end of a call an interceptor runs at. */
public enum CallSide {

	/** The call is being served: requests come from the network, responses go to it. */
	SERVER,

	/** The call is being made: requests go to the network, responses come from it. */
	CLIENT

}
