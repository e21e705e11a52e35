// Ships the panels' language packs (src/i18n.en.ts, src/i18n.zh-CN.ts) as their values alone, and
// the list of keys once, in the bundle (an esbuild plugin for tsup, decision 035).
//
// In the sources a pack stays keyed and checked by the compiler (`Record<TextKey, string>`, the
// keys of the English source). In the bundle the keys would be repeated by every pack: each pack
// ships as `export default ["审批", …]`, in the order of the English keys; src/i18n.keys.ts
// becomes that list (`export default ["approvalPanel", …]`), and `loadTexts` keys a pack again.
// Gzipped, the values alone are about half a keyed pack, and the bundle holds no text.
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];
type Esbuild = Parameters<Plugin['setup']>[0]['esbuild'];

/** The files that are language packs: `src/i18n.<lang>.ts`. */
export const PACK_FILE = /[\\/]src[\\/]i18n\.([a-z]{2}(?:-[A-Z]{2})?)\.ts$/;
/** The module listing the keys: `src/i18n.keys.ts`. */
export const KEYS_FILE = /[\\/]src[\\/]i18n\.keys\.ts$/;

/** A source's default export, read by bundling and running it at build time (in Node). */
async function defaultExport(esbuild: Esbuild, file: string): Promise<Record<string, unknown>> {
  const out = await esbuild.build({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    logLevel: 'silent',
  });
  const module = { exports: {} as { default?: Record<string, unknown> } };
  runInNewContext(out.outputFiles[0]!.text, { module, exports: module.exports });
  return module.exports.default ?? {};
}

/**
 * The keys of the English source, in order (the order every built pack lists its values in).
 *
 * @example
 * await packKeys(esbuild, '/p/src/i18n.en.ts'); // ['approvalPanel', 'blockedBy', …]
 */
export async function packKeys(esbuild: Esbuild, enFile: string): Promise<string[]> {
  return Object.keys(await defaultExport(esbuild, enFile));
}

/**
 * A pack's values in the order of the English keys (`i18n.en.ts` beside it), read by running
 * the two sources at build time. Throws, naming the key, when one is missing or not text.
 *
 * @example
 * await packValues(esbuild, '/p/src/i18n.zh-CN.ts'); // ['审批', '阻止原因', …]
 */
export async function packValues(esbuild: Esbuild, file: string): Promise<string[]> {
  const [keys, pack] = await Promise.all([
    packKeys(esbuild, join(dirname(file), 'i18n.en.ts')),
    defaultExport(esbuild, file),
  ]);
  return keys.map((k) => {
    const v = pack[k];
    if (typeof v !== 'string') throw new Error(`${file}: no text for the key ${k}`);
    return v;
  });
}

/**
 * The esbuild plugin (tsup `esbuildPlugins`) that ships each language pack as its values.
 *
 * @example
 * defineConfig({ esbuildPlugins: [owlTemplates(), langPacks()] });
 */
export function langPacks(): Plugin {
  return {
    name: 'lang-packs',
    setup(build) {
      build.onLoad({ filter: PACK_FILE }, async (args) => ({
        contents: `export default ${JSON.stringify(await packValues(build.esbuild, args.path))};\n`,
        loader: 'js',
        watchFiles: [args.path, join(dirname(args.path), 'i18n.en.ts')],
      }));
      build.onLoad({ filter: KEYS_FILE }, async (args) => {
        const en = join(dirname(args.path), 'i18n.en.ts');
        const keys = await packKeys(build.esbuild, en);
        return {
          contents: `export default ${JSON.stringify(keys)};\n`,
          loader: 'js',
          watchFiles: [en],
        };
      });
    },
  };
}
