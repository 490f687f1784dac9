package io.connectspring.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code .proto} comments into KDoc. Kotlin block comments nest, so both {@code /}{@code *} and
 * {@code *}{@code /} in a comment are escaped as HTML entities (which KDoc's Markdown renders as the characters), and
 * so is an {@code @} that would start a block tag.
 *
 * @see <a href="https://kotlinlang.org/docs/kotlin-doc.html">KDoc</a>
 */
final class Kdoc {

	private Kdoc() {
	}

	/**
	 * Returns the lines of a KDoc comment, each without the {@code " * "} prefix: the escaped proto comment (if any),
	 * then, after a blank line, the given generated text.
	 */
	static List<String> lines(String protoComment, String generated) {
		List<String> lines = new ArrayList<>();
		for (String line : Javadoc.commentLines(protoComment)) {
			lines.add(escape(line));
		}
		if (!generated.isEmpty()) {
			if (!lines.isEmpty()) {
				lines.add("");
			}
			lines.add(generated);
		}
		return lines;
	}

	/** Escapes one line of a proto comment for use in KDoc. */
	static String escape(String line) {
		StringBuilder result = new StringBuilder(line.length() + 16);
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			boolean afterStar = i > 0 && line.charAt(i - 1) == '*';
			boolean beforeStar = i + 1 < line.length() && line.charAt(i + 1) == '*';
			if (c == '/' && (afterStar || beforeStar)) {
				result.append("&#47;");
			}
			else if (c == '@' && line.substring(0, i).isBlank()) {
				result.append("&#64;");
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

}
