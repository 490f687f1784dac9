package io.connectspring.examples.compression;

import io.connectspring.Compression;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds {@code deflate} as a compression algorithm. Enable it with
 * {@code connect.server.compression.algorithms=gzip,deflate}. Shown in docs/timeouts-compression-limits.md.
 */
// tag::compression[]
// tag::configuration[]
@Configuration(proxyBeanMethods = false)
public class DeflateCompressionConfiguration {

	@Bean
	Compression deflate() {
		return new Compression() {

			@Override
			public String name() {
				return "deflate";
			}

			@Override
			public OutputStream compress(OutputStream target) {
				return new DeflaterOutputStream(target);
			}

			@Override
			public InputStream decompress(InputStream source) {
				return new InflaterInputStream(source);
			}

		};
	}

}
// end::compression[]
// end::configuration[]
