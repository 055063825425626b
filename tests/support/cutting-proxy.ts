/**
 * A TCP proxy on loopback in front of a browser's DevTools endpoint that cuts the connection
 * mid-print: when the browser answers a `Page.printToPDF` with the stream the PDF is to be read
 * from (`"stream":"…"`, puppeteer reads PDFs as streams), both sides of that connection are
 * destroyed, as a network drop or a pool restarting would. Only the first `cuts` prints are cut;
 * later ones pass. puppeteer's WebSocket does not compress, so the browser's answers are plain
 * text on the wire.
 */
import net from 'node:net';

export interface CuttingProxy {
  /** The endpoint's ws:// URL through the proxy. */
  url: string;
  /** Connections cut so far. */
  cut(): number;
  close(): Promise<void>;
}

export async function startCuttingProxy(endpoint: string, cuts: number): Promise<CuttingProxy> {
  const target = new URL(endpoint);
  let done = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    let tail = '';
    upstream.on('data', (chunk: Buffer) => {
      const seen = tail + chunk.toString('latin1');
      if (done < cuts && seen.includes('"stream":"')) {
        done++;
        end();
        return;
      }
      tail = seen.slice(-16); // the marker may straddle two chunks
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(endpoint);
  url.port = String(port);
  return {
    url: url.href,
    cut: () => done,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
