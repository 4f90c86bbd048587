// A loopback HTTP server that answers every request with 200 and a body that never ends, as fast as
// the reader takes it (a misrouted proxy, a query over a huge cluster); prints its port, then serves
// until killed. The answers benchmark runs it in a process of its own, so its memory is not measured.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const chunk = Buffer.alloc(1024 * 1024, '[');
const server = createServer((_request, response) => {
	response.writeHead(200, { 'content-type': 'application/json' });
	let open = true;
	response.on('close', () => (open = false));
	const pump = () => {
		while (open) if (!response.write(chunk)) return void response.once('drain', pump);
	};
	pump();
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
