package io.connectspring.demo.kotlin

import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.runApplication

/** The Kotlin demo: `greet.v1.GreetService`, written with coroutines, served over Connect, gRPC and gRPC-Web. */
@SpringBootApplication(proxyBeanMethods = false)
class DemoKotlinApplication

fun main(args: Array<String>) {
    runApplication<DemoKotlinApplication>(*args)
}
