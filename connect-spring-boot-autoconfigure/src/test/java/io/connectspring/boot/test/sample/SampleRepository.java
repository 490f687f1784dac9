package io.connectspring.boot.test.sample;

import org.springframework.stereotype.Component;

/** A component no Connect test slice needs. */
@Component
public class SampleRepository {

}
