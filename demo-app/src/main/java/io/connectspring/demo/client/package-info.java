/**
 * The demo's client mode: {@code --demo.client.target=<base URL>} calls a GreetService instead of serving one.
 */
package io.connectspring.demo.client;
