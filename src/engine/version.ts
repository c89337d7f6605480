// The engine's version, recorded in every result (the package version; esbuild inlines it).
import packageJson from '../../package.json';

export const ENGINE_VERSION: string = packageJson.version;
