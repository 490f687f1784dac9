package io.connectspring.demo.e2e.badclient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * What the server logs while a test runs, captured by a Logback appender on the root logger (the server runs in the
 * test's JVM, so its log is this JVM's log). {@link #start()} after the application has started: Spring Boot resets
 * Logback's configuration when it starts.
 */
final class ServerLog {

	private static final String NAME = "bad-client-capture";

	private final Capture capture = new Capture();

	/** Attaches the appender to the root logger, once. */
	void start() {
		Logger root = root();
		if (root.getAppender(NAME) == null) {
			this.capture.setName(NAME);
			this.capture.setContext(root.getLoggerContext());
			this.capture.start();
			root.addAppender(this.capture);
		}
	}

	void stop() {
		root().detachAppender(NAME);
		this.capture.stop();
	}

	/** Forgets what was captured so far. */
	void clear() {
		this.capture.events.clear();
	}

	/**
	 * Returns the events that a client's fault must not cause: anything at ERROR, and anything at WARN or above that
	 * carries a stack trace. Each is rendered as one line: level, logger, message and exception.
	 */
	List<String> faults() {
		return this.capture.events.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR)
					|| (event.getLevel().isGreaterOrEqual(Level.WARN) && event.getThrowableProxy() != null))
			.map(ServerLog::render)
			.toList();
	}

	/** Returns every captured event whose message contains the text, rendered as {@link #faults()} does. */
	List<String> containing(String text) {
		return this.capture.events.stream()
			.filter((event) -> event.getFormattedMessage().contains(text))
			.map(ServerLog::render)
			.toList();
	}

	private static String render(ILoggingEvent event) {
		String exception = (event.getThrowableProxy() != null) ? " " + event.getThrowableProxy().getClassName()
				+ ": " + event.getThrowableProxy().getMessage() : "";
		return event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage() + exception;
	}

	private static Logger root() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	private static final class Capture extends AppenderBase<ILoggingEvent> {

		private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

		@Override
		protected void append(ILoggingEvent event) {
			event.prepareForDeferredProcessing();
			this.events.add(event);
		}

	}

}
