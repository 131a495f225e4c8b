// Prints what a wrong rewrite of the image would change, one key=value line each, then exits.
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
