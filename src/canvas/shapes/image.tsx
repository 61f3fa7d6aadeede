import { useEffect, useState } from 'react'
import { Group, Image as KonvaImage, Rect, Text } from '../konva'
import type { Crop, Item } from '../../doc'
import { useBoard } from '../board/BoardContext'
import { loadAssetImage } from '../assets/assets'
import type { ItemNodeProps } from './nodeProps'

/** A crop (fractions of the source) in the source's pixels, as Konva's `crop` wants it; undefined: all of it. */
export function pixelCrop(c: Crop | undefined, img: { naturalWidth: number; naturalHeight: number }): { x: number; y: number; width: number; height: number } | undefined {
  if (!c) return undefined
  const w = img.naturalWidth
  const h = img.naturalHeight
  return { x: c.x * w, y: c.y * h, width: c.width * w, height: c.height * h }
}

/**
 * An image stored with the room: its `crop` (the whole image when absent) stretched to the item's
 * box; a grey placeholder until loaded.
 */
export function ImageShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  const { conn } = useBoard()
  const [img, setImg] = useState<HTMLImageElement | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    if (!item.image) return
    let live = true
    setFailed(false)
    loadAssetImage(conn, item.image).then(
      (i) => live && setImg(i),
      () => live && setFailed(true),
    )
    return () => {
      live = false
    }
  }, [conn, item.image])
  return (
    <Group {...node}>
      {img ? (
        <KonvaImage name="item-image" image={img} width={item.width} height={item.height} crop={pixelCrop(item.crop, img)} perfectDrawEnabled={false} />
      ) : (
        <>
          <Rect width={item.width} height={item.height} fill="#e9ecef" stroke="#ced4da" strokeWidth={1} dash={[6, 4]} />
          {failed && <Text text="image not available" width={item.width} y={item.height / 2 - 7} align="center" fontSize={12} fill="#868e96" />}
        </>
      )}
    </Group>
  )
}
