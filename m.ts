import { PGlite } from '@electric-sql/pglite';
(async () => {
  let t = Date.now();
  const a = await PGlite.create('memory://');
  console.log('create', Date.now() - t);
  t = Date.now();
  const dump = await a.dumpDataDir('none');
  console.log('dump', Date.now() - t, dump.size);
  t = Date.now();
  const b = await PGlite.create('memory://', { loadDataDir: dump });
  console.log('create from dump', Date.now() - t);
  t = Date.now();
  const c = await (a as any).clone?.();
  console.log('clone', Date.now() - t, !!c);
  t = Date.now();
  const d = await PGlite.create('memory://');
  console.log('create again', Date.now() - t);
})();
