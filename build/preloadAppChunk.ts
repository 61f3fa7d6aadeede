import type { Plugin } from 'vite'

/**
 * The entry script opens a board's connection and then imports the app chunk (React, Konva and
 * the editor). Vite only starts fetching a dynamic import when it is reached; this adds
 * `<link rel="modulepreload">` (and the chunk's stylesheet) to index.html so the browser
 * downloads and compiles the app while the entry script runs, and the same for the chunks the app
 * chunk imports statically (else each would be fetched only once the app chunk has arrived).
 */
export function preloadAppChunk(entrySuffix: string): Plugin {
  return {
    name: 'tessera:preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && (c.facadeModuleId?.endsWith(entrySuffix) || c.moduleIds.some((id) => id.endsWith(entrySuffix))),
        )
        if (!chunk || chunk.type !== 'chunk') throw new Error(`preloadAppChunk: no chunk for ${entrySuffix}`)
        const css = [...(chunk.viteMetadata?.importedCss ?? [])]
        // the chunk and the chunks it imports statically (those the page does not load already)
        const js = [chunk.fileName, ...chunk.imports].filter((file) => !html.includes(`/${file}"`))
        return [
          ...js.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const })),
          ...css.map((href) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `/${href}` }, injectTo: 'head' as const })),
        ]
      },
    },
  }
}
