package io.connectspring.internal.server;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;

/**
 * Negotiates the requests of one procedure: finds the protocol that claims a request and lets it decide. A method no
 * protocol uses gets 405 with {@code Allow}; a content type no protocol claims gets 415 with {@code Accept-Post}, as
 * connect-go answers. Immutable and safe for concurrent use; made once per procedure.
 */
public final class ServerNegotiation {

	private final ProcedureSpec spec;

	private final List<ServerProtocol> protocols;

	private final Set<HttpMethod> methods;

	private final Refusal methodNotAllowed;

	private final Refusal unsupportedMediaType;

	/**
	 * Creates the negotiation of a procedure.
	 * @param spec the procedure and the server's settings
	 * @param protocols the protocols served, in the order they are asked to claim a request
	 */
	public ServerNegotiation(ProcedureSpec spec, List<ServerProtocol> protocols) {
		this.spec = spec;
		this.protocols = List.copyOf(protocols);
		Set<HttpMethod> allMethods = new LinkedHashSet<>();
		Set<String> contentTypes = new LinkedHashSet<>();
		for (ServerProtocol protocol : protocols) {
			allMethods.addAll(protocol.methods(spec));
			contentTypes.addAll(protocol.contentTypes(spec.streamType()));
		}
		this.methods = Set.copyOf(allMethods);
		this.methodNotAllowed = Refusal.methodNotAllowed(
				allMethods.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", ")));
		this.unsupportedMediaType = Refusal.unsupportedMediaType(String.join(", ", contentTypes));
	}

	/** Returns the procedure and the server's settings. */
	public ProcedureSpec spec() {
		return this.spec;
	}

	/** Returns the call a request makes, or the answer that refuses it. */
	public Negotiation negotiate(RequestHead head) {
		if (!this.methods.contains(head.method())) {
			return this.methodNotAllowed;
		}
		for (ServerProtocol protocol : this.protocols) {
			Negotiation negotiation = protocol.negotiate(head, this.spec);
			if (negotiation != null) {
				return negotiation;
			}
		}
		return this.unsupportedMediaType;
	}

}
