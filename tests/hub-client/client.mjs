// Subscribes to one scope of /hubs/live and prints each "envelope" message as one JSON line.
// Usage: node client.mjs <base-url> <scope> [max-messages] [kiosk-token]
// The hub needs a kiosk token (sent by accessTokenFactory) or a signed-in browser.
// Prints "subscribed" once the subscription is in place, so a caller knows when to append events.
import * as signalR from "@microsoft/signalr";

const [baseUrl, scope, max = "1", token = ""] = process.argv.slice(2);
const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${baseUrl}/hubs/live`, { accessTokenFactory: () => token })
  .withAutomaticReconnect()
  .configureLogging(signalR.LogLevel.Warning)
  .build();

let received = 0;
connection.on("envelope", (envelope) => {
  console.log(JSON.stringify(envelope));
  if (++received >= Number(max)) connection.stop().then(() => process.exit(0));
});

await connection.start();
await connection.invoke("Subscribe", scope);
console.log("subscribed");
