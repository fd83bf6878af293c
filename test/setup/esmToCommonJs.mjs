/**
 * Jest transformer that rewrites packages shipped only as ES modules to CommonJS, because Jest on
 * Node 20 cannot `require` an ES module.
 */
import {transformSync} from 'esbuild';

export default {
    process(sourceText, sourcePath) {
        const result = transformSync(sourceText, {
            format: 'cjs',
            target: 'node20',
            sourcefile: sourcePath,
            sourcemap: 'inline',
        });
        return {code: result.code};
    },
};
