import {
  Alert,
  Anchor,
  Button,
  FileButton,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Text,
} from '@mantine/core';
import { CSV_TEMPLATE_FILES, csvTemplateUrl, UPLOAD_FORMATS, type UploadFormat } from '@srt/shared/import';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type DragEvent, useState } from 'react';
import { formatNumber } from '../../format.ts';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc } from '../../trpc.ts';
import { sizeParts } from './-report.ts';
import { oversized, type UploadOutcome, uploadImport } from './-upload.ts';
import classes from './import.module.css';

type Refused = Extract<UploadOutcome, { ok: false }>;

/** Choose (or drop) the file, say what it is, upload it: the API answers with the dry run. */
export function UploadForm({ onUploaded }: { onUploaded: (runId: string) => void }) {
  const { t } = useLazyTranslation('import');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const limits = useQuery(trpc.importer.limits.queryOptions());
  const [files, setFiles] = useState<File[]>([]);
  const [format, setFormat] = useState<UploadFormat>('auto');
  const [dragging, setDragging] = useState(false);
  const [pending, setPending] = useState(false);
  const [refused, setRefused] = useState<Refused | null>(null);
  const megabytes = (bytes: number) => formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, language);
  const size = (bytes: number) => {
    const { unit, value } = sizeParts(bytes);
    return t(`sizes.${unit}`, { count: value, value: formatNumber(value, language) });
  };

  const choose = (chosen: File[]) => {
    setFiles(chosen);
    setRefused(null);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose([...event.dataTransfer.files]);
  };
  const upload = async () => {
    const tooLarge = oversized(files, limits.data?.maxBytes);
    if (tooLarge.length > 0 && limits.data) {
      setRefused({ ok: false, status: 413, message: '', limitBytes: limits.data.maxBytes });
      return;
    }
    setPending(true);
    setRefused(null);
    const outcome = await uploadImport(files, format);
    setPending(false);
    // Every upload that reached the pipeline is a run in the list, refused or not.
    if (outcome.ok || outcome.runId) {
      void queryClient.invalidateQueries({ queryKey: trpc.importer.runs.pathKey() });
    }
    if (outcome.ok) {
      setFiles([]);
      onUploaded(outcome.runId);
    } else setRefused(outcome);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-upload-title">
      <Stack gap="sm">
        <Text fw={600} id="import-upload-title">
          {t('upload.title')}
        </Text>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop target; the button inside is the keyboard way */}
        <div
          className={classes.dropzone}
          data-dragging={dragging || undefined}
          data-testid="import-dropzone"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <Text size="sm">{t('upload.drop')}</Text>
          <FileButton onChange={choose} multiple accept=".xml,.csv,.geojson,.txt,.tsv">
            {(props) => (
              <Button variant="default" {...props} data-testid="import-choose">
                {t('upload.choose')}
              </Button>
            )}
          </FileButton>
          {files.length > 0 ? (
            <List size="sm" data-testid="import-chosen">
              {files.map((file) => (
                <List.Item key={file.name}>
                  {file.name} — {size(file.size)}
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="xs" c="dimmed">
              {limits.data ? t('upload.limit', { size: megabytes(limits.data.maxBytes) }) : '\u00a0'}
            </Text>
          )}
        </div>
        <Group align="end" gap="md">
          <NativeSelect
            label={t('upload.format')}
            value={format}
            onChange={(event) => setFormat(event.currentTarget.value as UploadFormat)}
            data={UPLOAD_FORMATS.map((value) => ({ value, label: t(`formats.${value}`) }))}
            data-testid="import-format"
            w={260}
          />
          <Button
            onClick={upload}
            loading={pending}
            disabled={files.length === 0}
            data-testid="import-upload"
          >
            {t('upload.submit')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('upload.aiddataHint')}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Text size="sm">{t('upload.templates')}</Text>
          {CSV_TEMPLATE_FILES.map((file) => (
            <Anchor
              key={file}
              href={csvTemplateUrl(file)}
              download={file}
              size="sm"
              data-testid="import-template"
            >
              {file}
            </Anchor>
          ))}
        </Group>
        <div aria-live="polite">{refused && <UploadRefused refused={refused} megabytes={megabytes} />}</div>
      </Stack>
    </Paper>
  );
}

function UploadRefused({ refused, megabytes }: { refused: Refused; megabytes: (bytes: number) => string }) {
  const { t } = useLazyTranslation('import');
  const where = refused.at?.line
    ? t('where.line', { line: refused.at.line })
    : refused.at?.row
      ? t('where.row', { row: refused.at.row })
      : '';
  const title =
    refused.status === 413
      ? t('errors.tooLargeTitle')
      : refused.status === 422
        ? t('errors.refusedTitle')
        : t('errors.failedTitle');
  const text =
    refused.status === 413
      ? t('errors.tooLarge', { size: megabytes(refused.limitBytes ?? 0) })
      : refused.status === 401 || refused.status === 403
        ? t('errors.forbidden')
        : refused.status === 0
          ? t('errors.network')
          : refused.status >= 500
            ? t('errors.server')
            : t('errors.refused');
  return (
    <Alert color="red" role="alert" title={title} data-testid="import-refused">
      <Stack gap={4}>
        <Text size="sm">{text}</Text>
        {refused.message && refused.status !== 413 && (
          <Text size="sm" className={classes.reason} data-testid="import-refused-reason">
            {where ? `${where}: ` : ''}
            {refused.message}
          </Text>
        )}
        {refused.runId && (
          <Link to="/import" search={{ run: refused.runId }}>
            {t('errors.seeRun')}
          </Link>
        )}
      </Stack>
    </Alert>
  );
}
