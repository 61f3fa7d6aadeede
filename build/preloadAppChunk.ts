import type { Plugin } from 'vite'

/**
 * The entry script opens a board's connection and then imports the app chunk (React, Konva and
 * the editor). Vite only starts fetching a dynamic import when it is reached; this adds
 * `<link rel="modulepreload">` (and the chunk's stylesheet) to index.html so the browser
 * downloads and compiles the app while the entry script runs.
 */
export function preloadAppChunk(entrySuffix: string): Plugin {
  return {
    name: 'tessera:preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.facadeModuleId?.endsWith(entrySuffix),
        )
        if (!chunk || chunk.type !== 'chunk') throw new Error(`preloadAppChunk: no chunk for ${entrySuffix}`)
        const css = [...(chunk.viteMetadata?.importedCss ?? [])]
        return [
          { tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` }, injectTo: 'head' },
          ...css.map((href) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `/${href}` }, injectTo: 'head' as const })),
        ]
      },
    },
  }
}
