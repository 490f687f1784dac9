package io.connectspring.examples.client;

import io.connectspring.boot.client.ImportConnectClients;
import io.connectspring.demo.greet.v1.GreetServiceBlockingClient;
import io.connectspring.demo.greet.v1.GreetServiceClient;

import org.springframework.context.annotation.Configuration;

/** The generated clients of greet.v1.GreetService as beans, on the client configured as connect.client.greet. */
// tag::clients[]
@Configuration(proxyBeanMethods = false)
@ImportConnectClients(client = "greet", types = { GreetServiceClient.class, GreetServiceBlockingClient.class })
public class GreetClients {

}
// end::clients[]
