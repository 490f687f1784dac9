package io.connectspring.codegen;

import java.util.Set;
import java.util.StringJoiner;

/**
 * Kotlin spellings of Java names. The generated Kotlin code calls the generated Java code and protoc's message
 * classes, so it uses their Java names; a name that is a Kotlin hard keyword but not a Java one (such as a method
 * {@code fun}, or a package segment {@code in}) is quoted in backticks.
 *
 * @see <a href="https://kotlinlang.org/docs/keyword-reference.html#hard-keywords">Kotlin hard keywords</a>
 */
final class KotlinNames {

	/** Kotlin's hard keywords: never an identifier unless quoted. */
	private static final Set<String> HARD_KEYWORDS = Set.of("as", "break", "class", "continue", "do", "else", "false",
			"for", "fun", "if", "in", "interface", "is", "null", "object", "package", "return", "super", "this",
			"throw", "true", "try", "typealias", "typeof", "val", "var", "when", "while");

	private KotlinNames() {
	}

	/** Returns an identifier as Kotlin code writes it: quoted in backticks if it is a hard keyword. */
	static String identifier(String name) {
		return HARD_KEYWORDS.contains(name) ? "`" + name + "`" : name;
	}

	/**
	 * Returns a dotted name (a package, or a fully qualified class) with each segment written by {@link #identifier}.
	 */
	static String qualified(String dottedName) {
		StringJoiner result = new StringJoiner(".");
		for (String segment : dottedName.split("\\.", -1)) {
			result.add(identifier(segment));
		}
		return result.toString();
	}

}
