/**
 * mqtt.js behind a module of our own, for `await import()`: mqtt is CommonJS, and a dynamic
 * import of it from the split bundle yields only `default`, while a static re-export lets esbuild
 * (and Node, under tsx) give the named functions. Import this, not 'mqtt', lazily.
 */
export { connect, connectAsync } from 'mqtt';
