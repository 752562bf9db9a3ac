import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const WINDOW_STATES = ['open', 'paused', 'closed'] as const;
export type WindowState = (typeof WINDOW_STATES)[number];

@Entity('service_window')
@Index('uq_window_label', ['hallId', 'label'], { unique: true })
export class WindowEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  hallId: string;

  /** What the screen shows and the voice says: "5" in "请到 5 号窗口". */
  @Column({ type: 'varchar', length: 16 })
  label: string;

  @Column({ type: 'varchar', length: 8, default: 'closed' })
  state: WindowState;

  @Column({ type: 'varchar', length: 200, nullable: true })
  pauseReason: string | null;

  /** The work profile: category ids served, in order of preference. */
  @Column({ type: 'simple-json' })
  categoryIds: string[];

  /** Priority tickets called in a row; bounds the priority share (routing rule). */
  @Column({ type: 'int', default: 0 })
  priorityStreak: number;
}
