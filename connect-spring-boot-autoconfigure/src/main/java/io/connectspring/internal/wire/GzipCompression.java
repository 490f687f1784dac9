package io.connectspring.internal.wire;

import io.connectspring.Compression;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** {@code gzip}, built in. */
public final class GzipCompression implements Compression {

	@Override
	public String name() {
		return "gzip";
	}

	@Override
	public OutputStream compress(OutputStream target) throws IOException {
		return new GZIPOutputStream(target, 8192);
	}

	@Override
	public InputStream decompress(InputStream source) throws IOException {
		return new GZIPInputStream(source, 8192);
	}

}
