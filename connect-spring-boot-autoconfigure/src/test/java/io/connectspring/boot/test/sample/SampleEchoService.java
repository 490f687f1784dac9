package io.connectspring.boot.test.sample;

import io.connectspring.fixtures.EchoService;
import io.connectspring.server.ConnectService;

/** The test echo service, served by the sample application. */
@ConnectService
public class SampleEchoService extends EchoService {

}
