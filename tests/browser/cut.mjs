// A TCP relay between the browser and the app that the test can cut, as a mountain connection
// drops: `down()` closes every open connection and refuses new ones (page, fetches and the
// service worker all lose the network), `up()` restores it, and `loseNextAnswer()` lets the next
// PUT reach the server but drops its answer on the way back (the client must send it again).
import net from "node:net";

export async function relay(target) {
  const { hostname, port } = new URL(target);
  let down = false;
  let lose = 0;
  const open = new Set();
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    open.add(client);
    const upstream = net.connect(Number(port), hostname);
    open.add(upstream);
    let dropAnswer = false;
    client.on("data", (chunk) => {
      if (lose > 0 && chunk.toString("latin1", 0, 16).startsWith("PUT /api/")) {
        lose -= 1;
        dropAnswer = true;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (dropAnswer) {
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    down() {
      down = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    up() {
      down = false;
    },
    loseNextAnswer() {
      lose += 1;
    },
    close() {
      for (const s of open) s.destroy();
      server.close();
    },
  };
}
