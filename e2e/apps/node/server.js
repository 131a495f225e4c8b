// Prints what a wrong rewrite of the image would change, one key=value line each, then exits; with PORT set it
// serves HTTP there afterwards (see serve below).
const crypto = require('node:crypto');
const tls = require('node:tls');

function line(k, v) {
  process.stdout.write(`${k}=${v}\n`);
}

// What Node's TLS trusts by default: its bundled root store (it reads no system bundle without --use-openssl-ca).
function ca() {
  try {
    const roots = tls.rootCertificates;
    if (roots.length === 0) return 'FAIL no root certificate';
    const cert = new crypto.X509Certificate(roots[0]);
    return cert.verify(cert.publicKey) ? 'ok' : 'FAIL signature';
  } catch (e) {
    return `FAIL ${e.message}`;
  }
}

function tz() {
  if (process.env.TZ === undefined) return 'unset';
  return `${process.env.TZ} ${new Date(Date.UTC(2024, 6, 1, 12)).toString().replace(/^.*\d\d:\d\d:\d\d /, '')}`;
}

function dependency() {
  try {
    const ms = require('ms');
    return `ms ${require('ms/package.json').version} ${ms(2 * 3600 * 1000)}`;
  } catch (e) {
    return `FAIL ${e.code || e.message}`;
  }
}

function writable(dir) {
  const name = require('node:path').join(dir, '.e2e-write');
  try {
    require('node:fs').writeFileSync(name, 'ok\n');
    require('node:fs').unlinkSync(name);
    return 'ok';
  } catch (e) {
    return `FAIL ${e.code || e.message}`;
  }
}

const app = Object.keys(process.env)
  .filter((k) => k.startsWith('APP_'))
  .sort()
  .map((k) => `${k}=${process.env[k]}`);
line('script', process.argv[1]);
line('args', JSON.stringify(process.argv.slice(2)));
line('uid', process.getuid());
line('gid', process.getgid());
line('cwd', process.cwd());
line('home', process.env.HOME || '');
line('env', JSON.stringify(app));
line('ca', ca());
line('tz', tz());
line('node', process.versions.node.split('.')[0]);
line('import', dependency());
// With APP_WRITE_DIR set: whether the program's user may create a file there (as the Go app reports it).
if (process.env.APP_WRITE_DIR !== undefined) line('write', writable(process.env.APP_WRITE_DIR));

// The comm of the process that started this one (tini, a shell, npm), or none when this one is PID 1.
function parent() {
  const stat = require('node:fs').readFileSync('/proc/self/stat', 'utf8');
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  if (ppid === 0) return 'none';
  try {
    return require('node:fs').readFileSync(`/proc/${ppid}/comm`, 'utf8').trim();
  } catch (e) {
    return `FAIL ${e.code || e.message}`;
  }
}

// With PORT set: serve HTTP on it (every address, as app.listen(PORT) does) for a HEALTHCHECK to probe. Every
// path answers 200 until SIGUSR2, which steps through: 500 on every path, 200 again, the listener closed (the
// process stays). SIGTERM is not handled: as PID 1 the kernel ignores it, under an init wrapper it kills node.
function serve(port) {
  const steps = ['500', 'ok', 'closed'];
  let status = 200;
  const server = require('node:http').createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(status === 200 ? 'ok\n' : 'failing\n');
  });
  server.listen(port, () => line('listening', port));
  setInterval(() => {}, 1 << 30); // stays up once the listener is closed
  process.on('SIGUSR2', () => {
    const step = steps.shift() ?? 'closed';
    if (step === 'closed') server.close();
    else status = step === '500' ? 500 : 200;
    line('step', step);
  });
}

if (process.env.PORT !== undefined) {
  line('parent', parent());
  serve(Number(process.env.PORT));
}
