package io.connectspring.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code .proto} comments into Javadoc. A comment is text written by someone else, so everything that would
 * end the comment or be read as markup is escaped: {@code *}{@code /}, HTML's {@code <}, {@code >} and {@code &},
 * an {@code @} that would start a block tag, and the backslash that would start a Unicode escape (javac decodes
 * {@code \}{@code u} escapes even inside comments).
 */
final class Javadoc {

	private Javadoc() {
	}

	/**
	 * Returns the lines of a Javadoc comment, each without the {@code " * "} prefix: the escaped proto comment (if
	 * any), then a paragraph with the given generated text. Blank leading and trailing lines are dropped.
	 */
	static List<String> lines(String protoComment, String generated) {
		List<String> lines = new ArrayList<>();
		for (String line : commentLines(protoComment)) {
			lines.add(escape(line));
		}
		if (!generated.isEmpty()) {
			if (!lines.isEmpty()) {
				lines.add("<p>");
			}
			lines.add(generated);
		}
		return lines;
	}

	/**
	 * Returns the lines of a proto comment, unescaped: the space protoc keeps after {@code //} and trailing blanks
	 * removed, blank leading and trailing lines dropped.
	 */
	static List<String> commentLines(String protoComment) {
		List<String> lines = new ArrayList<>();
		for (String line : protoComment.split("\n", -1)) {
			// protoc keeps the space after "//"; the comment's " * " prefix already provides one.
			String trimmed = line.stripTrailing();
			lines.add(trimmed.startsWith(" ") ? trimmed.substring(1) : trimmed);
		}
		while (!lines.isEmpty() && lines.get(0).isBlank()) {
			lines.remove(0);
		}
		while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
			lines.remove(lines.size() - 1);
		}
		return lines;
	}

	/** Escapes one line of a proto comment for use in Javadoc. */
	static String escape(String line) {
		StringBuilder result = new StringBuilder(line.length() + 16);
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			switch (c) {
				case '&' -> result.append("&amp;");
				case '<' -> result.append("&lt;");
				case '>' -> result.append("&gt;");
				case '\\' -> result.append("&#92;");
				case '/' -> result.append((i > 0 && line.charAt(i - 1) == '*') ? "&#47;" : "/");
				case '@' -> result.append(line.substring(0, i).isBlank() ? "&#64;" : "@");
				default -> result.append(c);
			}
		}
		return result.toString();
	}

}
