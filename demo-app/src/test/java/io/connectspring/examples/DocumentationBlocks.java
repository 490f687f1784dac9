package io.connectspring.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the code blocks of a Markdown page and the sources they are cut from.
 * <p>
 * A {@code java} or {@code kotlin} block is preceded by one of two markers:
 * <ul>
 * <li>{@code <!-- snippet: demo-app/src/.../File.java#name -->}: the block is the region of that file between the
 * lines {@code // tag::name[]} and {@code // end::name[]} (Asciidoctor's include tags), with other tag lines dropped
 * the common indentation removed and runs of blank lines made one. Inside a region, the lines from {@code // docs:elide TEXT} to
 * {@code // docs:end-elide} are shown as the one line {@code TEXT} (or not at all without one), so a page can say
 * {@code // ...} where the source has code.</li>
 * <li>{@code <!-- signatures: demo-app/target/generated-sources/.../File.java -->}: for sketches of generated code, every
 * declaration of the block (its text between {@code ;}, <code>{</code> and <code>}</code>, comments and
 * <code>{ ... }</code> bodies dropped, spaces normalised) occurs in that file.</li>
 * </ul>
 */
final class DocumentationBlocks {

	private static final Set<String> CHECKED_LANGUAGES = Set.of("java", "kotlin");

	private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");

	private static final Pattern MARKER = Pattern.compile("^<!-- (snippet|signatures): ([^#\\s]+)(?:#([\\w-]+))? -->$");

	private static final Pattern TAG_LINE = Pattern.compile("^\\s*// (?:tag|end)::[\\w-]+\\[\\]\\s*$");

	private static final Pattern ELIDE = Pattern.compile("^(\\s*)// docs:elide(?: (.*))?$");

	private static final Pattern END_ELIDE = Pattern.compile("^\\s*// docs:end-elide\\s*$");

	private DocumentationBlocks() {
	}

	/**
	 * Checks every block of one page.
	 * @param root the repository's root, against which marker paths are resolved
	 * @param pageName the page's name in problem reports
	 * @param page the page's text
	 * @return the problems found, and the page with every snippet block rewritten from its source
	 */
	static Result check(Path root, String pageName, String page) {
		List<String> problems = new ArrayList<>();
		List<String> unfixable = new ArrayList<>();
		List<String> lines = page.lines().toList();
		List<String> updated = new ArrayList<>();
		int i = 0;
		while (i < lines.size()) {
			String line = lines.get(i);
			updated.add(line);
			Matcher fence = FENCE.matcher(line);
			if (!fence.matches() || fence.group(1).isEmpty()) {
				i++;
				continue;
			}
			int end = closingFence(lines, i + 1);
			List<String> block = lines.subList(i + 1, end);
			String where = pageName + ":" + (i + 1);
			if (CHECKED_LANGUAGES.contains(fence.group(1))) {
				List<String> expected = null;
				String problem;
				Matcher marker = (i > 0) ? MARKER.matcher(lines.get(i - 1).strip()) : null;
				if (marker == null || !marker.matches()) {
					problem = where + ": a " + fence.group(1)
							+ " block without a '<!-- snippet: path#tag -->' or '<!-- signatures: path -->' line above it";
					unfixable.add(problem);
				}
				else if (marker.group(1).equals("snippet")) {
					try {
						expected = region(root.resolve(marker.group(2)), marker.group(3));
						problem = expected.equals(block) ? null
								: where + ": differs from " + marker.group(2) + "#" + marker.group(3);
					}
					catch (IllegalArgumentException ex) {
						problem = where + ": " + ex.getMessage();
						unfixable.add(problem);
					}
				}
				else {
					try {
						problem = missingSignatures(root.resolve(marker.group(2)), block)
							.map((missing) -> where + ": not in " + marker.group(2) + ": " + missing)
							.orElse(null);
					}
					catch (IllegalArgumentException ex) {
						problem = where + ": " + ex.getMessage();
					}
					if (problem != null) {
						unfixable.add(problem);
					}
				}
				if (problem != null) {
					problems.add(problem);
				}
				updated.addAll((expected != null) ? expected : block);
			}
			else {
				updated.addAll(block);
			}
			if (end < lines.size()) {
				updated.add(lines.get(end));
			}
			i = end + 1;
		}
		String text = String.join("\n", updated) + (page.endsWith("\n") ? "\n" : "");
		return new Result(problems, unfixable, text);
	}

	/**
	 * Cuts a tagged region from a source file, as a page shows it.
	 */
	static List<String> region(Path source, String tag) {
		if (tag == null) {
			throw new IllegalArgumentException("a snippet names its region: " + source.getFileName() + "#name");
		}
		List<String> lines = read(source);
		int start = indexOf(lines, "// tag::" + tag + "[]", 0);
		int end = (start < 0) ? -1 : indexOf(lines, "// end::" + tag + "[]", start + 1);
		if (start < 0 || end < 0) {
			throw new IllegalArgumentException("no region '" + tag + "' (tag::" + tag + "[] ... end::" + tag
					+ "[]) in " + source.getFileName());
		}
		List<String> shown = new ArrayList<>();
		boolean eliding = false;
		for (String line : lines.subList(start + 1, end)) {
			Matcher elide = ELIDE.matcher(line);
			if (eliding) {
				eliding = !END_ELIDE.matcher(line).matches();
			}
			else if (elide.matches()) {
				if (elide.group(2) != null) {
					shown.add(elide.group(1) + elide.group(2));
				}
				eliding = true;
			}
			else if (!TAG_LINE.matcher(line).matches()) {
				shown.add(line);
			}
		}
		return dedent(shown);
	}

	private static Optional<String> missingSignatures(Path source, List<String> block) {
		String declared = normalise(withoutComments(String.join("\n", read(source))));
		String sketch = withoutComments(String.join("\n", block)).replace("{ ... }", "{");
		for (String declaration : sketch.split("[;{}]")) {
			String wanted = normalise(declaration);
			if (!wanted.isEmpty() && !declared.contains(wanted)) {
				return Optional.of(wanted);
			}
		}
		return Optional.empty();
	}

	private static String withoutComments(String code) {
		return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)(^|\\s)//.*$", "$1");
	}

	/** Spaces collapsed and package names dropped: generated code names every type in full, sketches do not. */
	private static String normalise(String code) {
		return code.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z])", "$1")
			.replaceAll("\\s+", " ")
			.replaceAll(" ?([(),<>]) ?", "$1")
			.strip();
	}

	private static int closingFence(List<String> lines, int from) {
		for (int i = from; i < lines.size(); i++) {
			if (lines.get(i).strip().equals("```")) {
				return i;
			}
		}
		return lines.size();
	}

	private static int indexOf(List<String> lines, String marker, int from) {
		for (int i = from; i < lines.size(); i++) {
			if (lines.get(i).strip().equals(marker)) {
				return i;
			}
		}
		return -1;
	}

	private static List<String> dedent(List<String> lines) {
		int indent = lines.stream()
			.filter((line) -> !line.isBlank())
			.mapToInt(DocumentationBlocks::indentation)
			.min()
			.orElse(0);
		List<String> result = new ArrayList<>();
		for (String line : lines) {
			boolean afterBlank = !result.isEmpty() && result.get(result.size() - 1).isEmpty();
			if (!line.isBlank()) {
				result.add(line.substring(indent).stripTrailing());
			}
			else if (!afterBlank) {
				result.add("");
			}
		}
		while (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
			result.remove(result.size() - 1);
		}
		return result;
	}

	private static int indentation(String line) {
		int i = 0;
		while (i < line.length() && (line.charAt(i) == '\t' || line.charAt(i) == ' ')) {
			i++;
		}
		return i;
	}

	private static List<String> read(Path source) {
		try {
			return Files.readAllLines(source, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new IllegalArgumentException("no such file: " + source);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What a check found.
	 * @param problems every block that differs from its source or has no source
	 * @param unfixable the problems that rewriting the page cannot fix
	 * @param updated the page with every snippet block rewritten from its source
	 */
	record Result(List<String> problems, List<String> unfixable, String updated) {
	}

}
