import net from 'node:net';

// A TCP proxy in front of a server that can be frozen: what a SIGSTOPped server looks like from
// the client, without stopping a server other tests share. Connections stay open and new ones are
// accepted, but nothing passes either way until thaw(); then everything held back goes through.

export interface FreezableProxy {
  port: number;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function freezableProxy(target: { host: string; port: number }): Promise<FreezableProxy> {
  let frozen = false;
  const held: (() => void)[] = [];
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const forward = (from: net.Socket, to: () => net.Socket | undefined) =>
    from.on('data', (chunk) => {
      const send = () => to()?.write(chunk);
      if (frozen) held.push(send);
      else send();
    });

  const server = net.createServer((client) => {
    track(client);
    let upstream: net.Socket | undefined;
    const open = () => {
      upstream = net.connect(target);
      track(upstream);
      forward(upstream, () => client);
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream?.destroy());
    };
    forward(client, () => upstream);
    // A frozen server accepts the connection (the kernel does) but starts no session until it thaws.
    if (frozen) held.push(open);
    else open();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    freeze: () => void (frozen = true),
    thaw() {
      frozen = false;
      for (const f of held.splice(0)) f();
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
