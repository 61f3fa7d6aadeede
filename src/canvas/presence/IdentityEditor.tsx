import { useState } from 'react'
import { PALETTE, cleanName, MAX_NAME_LENGTH } from '../../awareness/identity'
import type { UserInfo } from '../../awareness/types'
import { button, panel } from './styles'

/** Small popover to change your display name and colour. */
export function IdentityEditor({ identity, onSave, onClose }: { identity: UserInfo; onSave: (u: UserInfo) => void; onClose: () => void }) {
  const [name, setName] = useState(identity.name)
  const [color, setColor] = useState(identity.color)
  const save = () => {
    onSave({ name: cleanName(name) ?? identity.name, color })
    onClose()
  }
  return (
    <div data-testid="identity-editor" role="dialog" aria-label="Your name and colour" style={{ ...panel, position: 'absolute', top: 44, right: 0, width: 232, padding: 12 }}>
      <label style={{ display: 'block', fontSize: 12, fontWeight: 600, color: '#495057', marginBottom: 4 }} htmlFor="tessera-identity-name">
        Your name
      </label>
      <input
        id="tessera-identity-name"
        data-testid="identity-name"
        autoFocus
        value={name}
        maxLength={MAX_NAME_LENGTH}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation()
          if (e.key === 'Enter') save()
          if (e.key === 'Escape') onClose()
        }}
        style={{ width: '100%', boxSizing: 'border-box', font: 'inherit', padding: '5px 8px', border: '1px solid #ced4da', borderRadius: 6 }}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 10, margin: '10px 0' }}>
        {PALETTE.map((c) => (
          <button
            key={c}
            type="button"
            data-testid={`identity-color-${c.slice(1)}`}
            aria-label={`Colour ${c}`}
            aria-pressed={c === color}
            onClick={() => setColor(c)}
            style={{ width: 24, height: 24, borderRadius: 12, background: c, cursor: 'pointer', border: c === color ? '2px solid #212529' : '2px solid #fff', boxShadow: '0 0 0 1px #dee2e6' }}
          />
        ))}
      </div>
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 6 }}>
        <button type="button" style={button} onClick={onClose}>
          Cancel
        </button>
        <button type="button" data-testid="identity-save" style={{ ...button, background: '#1971c2', borderColor: '#1971c2', color: '#fff' }} onClick={save}>
          Save
        </button>
      </div>
    </div>
  )
}
