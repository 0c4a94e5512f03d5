import { useCallback, useEffect, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import type { PlacedNode } from './lineage-graph';

interface View {
  x: number;
  y: number;
  scale: number;
}

interface Props {
  nodes: PlacedNode[];
  edges: { from: string; to: string; points: { x: number; y: number }[] }[];
  width: number;
  height: number;
  selected: string | undefined;
  onSelect: (node: PlacedNode) => void;
}

/**
 * The laid-out graph as SVG: drag to pan, wheel or the buttons to zoom, "Fit" to see it whole.
 * Each node is a button (Tab to it, Enter or Space to pick it), so the graph works from the keyboard.
 */
export function GraphView({ nodes, edges, width, height, selected, onSelect }: Props) {
  const frame = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ x: 0, y: 0, scale: 1 });
  const drag = useRef<{ x: number; y: number; view: View } | undefined>(undefined);

  const fit = useCallback(() => {
    const box = frame.current?.getBoundingClientRect();
    if (!box) return;
    const scale = Math.min(box.width / width, box.height / height, 1.5);
    setView({ scale, x: (box.width - width * scale) / 2, y: (box.height - height * scale) / 2 });
  }, [width, height]);
  useEffect(fit, [fit]);

  const zoom = (factor: number, at?: { x: number; y: number }) =>
    setView((current) => {
      const box = frame.current?.getBoundingClientRect();
      const point = at ?? { x: (box?.width ?? 0) / 2, y: (box?.height ?? 0) / 2 };
      const scale = Math.min(4, Math.max(0.1, current.scale * factor));
      const ratio = scale / current.scale;
      return { scale, x: point.x - (point.x - current.x) * ratio, y: point.y - (point.y - current.y) * ratio };
    });
  const onWheel = (event: WheelEvent) => {
    const box = frame.current!.getBoundingClientRect();
    zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, { x: event.clientX - box.left, y: event.clientY - box.top });
  };
  const onPointerDown = (event: PointerEvent) => {
    if ((event.target as Element).closest('.node')) return;
    drag.current = { x: event.clientX, y: event.clientY, view };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent) => {
    const start = drag.current;
    if (start) setView({ ...start.view, x: start.view.x + event.clientX - start.x, y: start.view.y + event.clientY - start.y });
  };

  return (
    <div className="graph">
      <div className="graph-tools" role="toolbar" aria-label="Graph view">
        <button type="button" onClick={() => zoom(1.25)}>
          Zoom in
        </button>
        <button type="button" onClick={() => zoom(0.8)}>
          Zoom out
        </button>
        <button type="button" onClick={fit}>
          Fit
        </button>
      </div>
      <div ref={frame} className="graph-frame" onWheel={onWheel} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={() => (drag.current = undefined)}>
        <svg width="100%" height="100%" role="group" aria-label="Lineage graph">
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="arrow" />
            </marker>
          </defs>
          <g transform={`translate(${view.x} ${view.y}) scale(${view.scale})`}>
            {edges.map((edge) => (
              <polyline key={`${edge.from}->${edge.to}`} className="edge" points={edge.points.map((p) => `${p.x},${p.y}`).join(' ')} markerEnd="url(#arrow)" />
            ))}
            {nodes.map((node) => (
              <g
                key={node.id}
                className={`node node-${node.state} node-kind-${node.kind}${selected === node.id ? ' node-selected' : ''}`}
                transform={`translate(${node.x} ${node.y})`}
                role="button"
                tabIndex={0}
                aria-pressed={selected === node.id}
                data-node={node.id}
                onClick={() => onSelect(node)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    onSelect(node);
                  }
                }}
              >
                <desc>
                  {node.kind}, {node.state}
                </desc>
                <rect width={node.width} height={node.height} rx="6" />
                <text x="10" y="19" className="node-label">
                  {node.label.length > 26 ? `${node.label.slice(0, 25)}…` : node.label}
                </text>
                <text x="10" y="36" className="node-detail">
                  {node.detail.length > 30 ? `${node.detail.slice(0, 29)}…` : node.detail}
                </text>
              </g>
            ))}
          </g>
        </svg>
      </div>
    </div>
  );
}
