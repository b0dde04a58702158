package dev.wharf.audit.spool;

import org.jboss.logging.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only, size-bounded queue of Kafka records on the local disk: the audit trail's durable buffer
 * (DESIGN: {@code wharf-audit/README.md}, "The spool").
 *
 * <p>Records go into segment files {@code <number>.spool}, each record framed as
 * {@code [int length][int CRC32C][int key length][key][value]}. {@link #append} returns once the record is forced
 * to disk; concurrent appenders share one {@code force} (group commit). One reader, the Kafka sender, reads the
 * records back in order from the acknowledged position and moves it with {@link #acknowledge}; segments wholly
 * acknowledged are deleted when the position is saved ({@link #saveAcknowledged}). A torn or corrupt frame (a write
 * cut by a crash) is skipped with the rest of its segment, counted and logged. Every start begins a new segment,
 * so no write ever follows a torn tail.
 */
public final class AuditSpool implements Closeable {
    /** Frame header: payload length and its CRC32C. */
    static final int HEADER_BYTES = 8;
    /** Largest payload accepted: below Kafka's default request size (1 MiB); an audit event is a few hundred bytes. */
    static final int MAX_PAYLOAD = 900 * 1024;
    static final String SUFFIX = ".spool";
    static final String ACK_FILE = "acknowledged";
    private static final String LOCK_FILE = "lock";
    private static final Logger LOG = Logger.getLogger(AuditSpool.class);
    /** Where skipped bytes are reported: the same logger operators already watch for undelivered events. */
    private static final Logger UNDELIVERED = Logger.getLogger("wharf.audit.undelivered");

    /** Why the spool takes no new work, for the readiness detail and the metric. */
    public enum State { ACCEPTING, FULL, DISK_FAILED, CLOSED }

    /** A place in the spool: segment number and byte offset in it. */
    public record Position(long segment, long offset) {
        boolean before(Position o) {
            return segment < o.segment || segment == o.segment && offset < o.offset;
        }
    }

    /** One record read back, and the position just after it. */
    public record Frame(String key, String value, Position end) {
    }

    /** The spool cannot take this record: full, its disk fails, or it is closed. */
    public static final class Refused extends IOException {
        private final State state;

        Refused(State state, String message) {
            super(message);
            this.state = state;
        }

        public State state() {
            return state;
        }
    }

    private final SpoolSettings settings;
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Object writeLock = new Object();
    private final ReentrantLock forceLock = new ReentrantLock();
    private final AtomicLong durable = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final AtomicLong skippedBytes = new AtomicLong();
    /** Segment number to its length in whole frames; guarded by writeLock. */
    private final TreeMap<Long, Long> sizes = new TreeMap<>();
    // guarded by writeLock
    private FileChannel out;
    private long outSegment;
    private long appended;
    private Position acked;
    private Position savedAck;
    private volatile Position written;
    private volatile String failure;
    private volatile boolean closed;

    private AuditSpool(SpoolSettings settings, FileChannel lockChannel, FileLock lock) {
        this.settings = settings;
        this.dir = settings.directory();
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating it if needed) the spool directory, which must not be in use by another process, and starts
     * a new segment after whatever an earlier run left.
     */
    public static AuditSpool open(SpoolSettings settings) throws IOException {
        Path dir = settings.directory();
        Files.createDirectories(dir);
        FileChannel lc = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lc.tryLock();
        } catch (IOException | RuntimeException e) {
            lc.close();
            throw new IOException("audit spool " + dir + " cannot be locked: " + e, e);
        }
        if (lock == null) {
            lc.close();
            throw new IOException("audit spool " + dir + " is in use by another process: give each replica its own");
        }
        AuditSpool spool = new AuditSpool(settings, lc, lock);
        try {
            spool.recover();
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    private void recover() throws IOException {
        Position ack = readAck();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Long n = segmentNumber(p);
                if (n == null) {
                    continue;
                }
                if (n < ack.segment()) {
                    Files.deleteIfExists(p); // acknowledged before the last stop, deletion was cut short
                } else {
                    sizes.put(n, Files.size(p));
                }
            }
        }
        Long size = sizes.get(ack.segment());
        if (size != null && ack.offset() >= size) {
            Files.deleteIfExists(segmentPath(ack.segment())); // wholly acknowledged
            sizes.remove(ack.segment());
        }
        if (!sizes.isEmpty() && sizes.firstKey() > ack.segment()) {
            ack = new Position(sizes.firstKey(), 0);
        }
        acked = ack;
        savedAck = ack;
        outSegment = Math.max(ack.segment(), sizes.isEmpty() ? 0 : sizes.lastKey());
        startSegment();
        long pending = used();
        if (pending > 0) {
            LOG.infof("audit spool %s holds %d bytes not yet acknowledged by Kafka: sending them first", dir, pending);
        }
    }

    /** Appends one record and returns once it is on disk. */
    public void append(String key, String value) throws Refused {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        int payload = 4 + k.length + v.length;
        if (payload > MAX_PAYLOAD) {
            throw new IllegalArgumentException("audit record of " + payload + " bytes exceeds " + MAX_PAYLOAD);
        }
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + payload);
        buf.putInt(payload).putInt(0).putInt(k.length).put(k).put(v);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), HEADER_BYTES, payload);
        buf.putInt(4, (int) crc.getValue());
        buf.flip();
        long ticket;
        synchronized (writeLock) {
            refuseIfUnusable();
            int frame = buf.remaining();
            if (used() + frame > settings.maxBytes()) {
                throw new Refused(State.FULL, "the audit spool is full (" + settings.maxBytes()
                        + " bytes not yet acknowledged by Kafka)");
            }
            long size = sizes.get(outSegment);
            try {
                if (size > 0 && size + frame > settings.segmentBytes()) {
                    roll();
                    size = 0;
                }
                for (int i = 0; i < 1_000 && buf.hasRemaining(); i++) {
                    out.write(buf);
                }
                if (buf.hasRemaining()) {
                    throw new IOException("the file system accepts no bytes");
                }
            } catch (IOException e) {
                throw fail("write", e);
            }
            sizes.put(outSegment, size + frame);
            ticket = ++appended;
            written = new Position(outSegment, size + frame);
        }
        awaitDurable(ticket);
    }

    /** Group commit: one thread forces everything written so far, the others find their record already durable. */
    private void awaitDurable(long ticket) throws Refused {
        forceLock.lock();
        try {
            for (int i = 0; i < 3 && durable.get() < ticket; i++) {
                FileChannel ch;
                long target;
                synchronized (writeLock) {
                    refuseIfUnusable();
                    ch = out;
                    target = appended;
                }
                try {
                    ch.force(false);
                    durable.accumulateAndGet(target, Math::max);
                } catch (ClosedChannelException e) {
                    // a roll closed it, after forcing it: the loop finds the ticket durable
                } catch (IOException e) {
                    synchronized (writeLock) {
                        throw fail("force", e);
                    }
                }
            }
            if (durable.get() < ticket) {
                throw new Refused(State.DISK_FAILED, "the audit spool could not force its record to disk");
            }
        } finally {
            forceLock.unlock();
        }
    }

    private void refuseIfUnusable() throws Refused {
        if (closed) {
            throw new Refused(State.CLOSED, "the audit spool is closed");
        }
        if (failure != null) {
            throw new Refused(State.DISK_FAILED, "the audit spool's disk fails: " + failure);
        }
    }

    // writeLock held
    private Refused fail(String what, IOException e) {
        if (failure == null) {
            LOG.errorf("audit spool %s: %s failed, refusing new work until a new segment can be written: %s", dir,
                    what, e.toString());
        }
        failure = what + ": " + e.getMessage();
        return new Refused(State.DISK_FAILED, "the audit spool's disk fails: " + failure);
    }

    /** Starts a new segment once the disk works again; called by the sender while {@link #state} is DISK_FAILED. */
    public boolean tryRecover() {
        synchronized (writeLock) {
            if (failure == null || closed) {
                return failure == null;
            }
            try {
                closeOut();
                startSegment();
                LOG.infof("audit spool %s writes again (segment %d)", dir, outSegment);
                failure = null;
                return true;
            } catch (IOException e) {
                LOG.debugf("audit spool %s still fails: %s", dir, e.toString());
                return false;
            }
        }
    }

    // writeLock held
    private void roll() throws IOException {
        out.force(false);
        durable.accumulateAndGet(appended, Math::max);
        closeOut();
        startSegment();
    }

    // writeLock held
    private void startSegment() throws IOException {
        long next = outSegment + 1;
        out = FileChannel.open(segmentPath(next), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        outSegment = next;
        sizes.put(next, 0L);
        forceDirectory();
        written = new Position(next, 0);
    }

    private void closeOut() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.debugf("closing audit spool segment: %s", e.toString());
            }
            out = null;
        }
    }

    /** Bytes of records not yet acknowledged by Kafka. */
    public long used() {
        synchronized (writeLock) {
            long total = 0;
            for (Map.Entry<Long, Long> e : sizes.tailMap(acked.segment(), true).entrySet()) {
                total += e.getValue();
            }
            return Math.max(0, total - (sizes.containsKey(acked.segment()) ? acked.offset() : 0));
        }
    }

    /** Whether new logins and transfers may start: the disk works and more than the headroom is left. */
    public boolean accepting() {
        return state() == State.ACCEPTING;
    }

    public State state() {
        if (closed) {
            return State.CLOSED;
        }
        if (failure != null) {
            return State.DISK_FAILED;
        }
        return used() > settings.maxBytes() - settings.headroom() ? State.FULL : State.ACCEPTING;
    }

    /** Frames skipped as torn or corrupt since open. */
    public long corruptFrames() {
        return corrupt.get();
    }

    public SpoolSettings settings() {
        return settings;
    }

    /** Marks everything before {@code p} as acknowledged by Kafka (in memory; see {@link #saveAcknowledged}). */
    public void acknowledge(Position p) {
        synchronized (writeLock) {
            if (acked.before(p)) {
                acked = p;
            }
        }
    }

    public Position acknowledged() {
        synchronized (writeLock) {
            return acked;
        }
    }

    /**
     * Makes the acknowledged position durable, then deletes the segments wholly before it: a crash between the two
     * leaves segments that the next open deletes; a crash before leaves records that are sent again (consumers
     * de-duplicate by event id).
     */
    public void saveAcknowledged() throws IOException {
        Position p;
        synchronized (writeLock) {
            p = acked;
            if (p.equals(savedAck)) {
                return;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(20).putLong(p.segment()).putLong(p.offset());
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 16);
        b.putInt((int) crc.getValue()).flip();
        Path tmp = dir.resolve(ACK_FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < 100 && b.hasRemaining(); i++) {
                ch.write(b);
            }
            ch.force(false);
        }
        try {
            Files.move(tmp, dir.resolve(ACK_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(ACK_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
        synchronized (writeLock) {
            savedAck = p;
            Long size = sizes.get(p.segment());
            boolean wholeSealed = p.segment() < outSegment && size != null && p.offset() >= size;
            for (Long n : sizes.headMap(p.segment(), wholeSealed).keySet().toArray(Long[]::new)) {
                Files.deleteIfExists(segmentPath(n));
                sizes.remove(n);
            }
        }
    }

    private Position readAck() throws IOException {
        Path f = dir.resolve(ACK_FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return new Position(0, 0);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, Math.min(16, bytes.length));
        if (bytes.length != 20 || b.getInt(16) != (int) crc.getValue()) {
            // the rename is atomic, so only a damaged disk gets here: resend everything still spooled
            LOG.warnf("audit spool %s: acknowledged position unreadable, sending every spooled record again", dir);
            return new Position(0, 0);
        }
        return new Position(b.getLong(0), b.getLong(8));
    }

    /** A reader from the acknowledged position; one at a time, on the sender's thread. */
    public Reader reader() {
        return new Reader(acknowledged());
    }

    /** Reads records back in order; never past the last whole record written. */
    public final class Reader implements Closeable {
        private long segment;
        private long offset;
        private FileChannel in;
        private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);

        Reader(Position from) {
            this.segment = from.segment();
            this.offset = from.offset();
        }

        /** The next whole record, or null when there is none yet. */
        public Frame next() throws IOException {
            for (int hop = 0; hop < 10_000; hop++) {
                Position w = written;
                if (segment > w.segment()) {
                    return null;
                }
                if (in == null && !openSegment()) {
                    continue;
                }
                boolean sealed = segment < w.segment();
                long limit = sealed ? in.size() : w.offset();
                if (offset >= limit) {
                    if (!sealed) {
                        return null;
                    }
                    nextSegment();
                    continue;
                }
                Frame f = readFrame(limit);
                if (f != null) {
                    return f;
                }
            }
            return null;
        }

        private boolean openSegment() throws IOException {
            Long n;
            synchronized (writeLock) {
                n = sizes.ceilingKey(segment);
            }
            if (n == null) {
                segment = written.segment();
                offset = 0;
            } else if (n != segment) {
                segment = n;
                offset = 0;
            }
            try {
                in = FileChannel.open(segmentPath(segment), StandardOpenOption.READ);
                return true;
            } catch (NoSuchFileException e) {
                nextSegment(); // deleted meanwhile, or the number of a segment that could not be created
                return false;
            }
        }

        private void nextSegment() {
            closeIn();
            segment++;
            offset = 0;
        }

        private Frame readFrame(long limit) throws IOException {
            long left = limit - offset;
            if (left < HEADER_BYTES) {
                skip(limit, "a torn frame header");
                return null;
            }
            header.clear();
            readFully(header, offset);
            int length = header.getInt(0);
            int crc = header.getInt(4);
            if (length < 4 || length > MAX_PAYLOAD || length > left - HEADER_BYTES) {
                skip(limit, "a frame length of " + length + " with " + (left - HEADER_BYTES) + " bytes left");
                return null;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(payload, offset + HEADER_BYTES);
            CRC32C c = new CRC32C();
            c.update(payload.array(), 0, length);
            int keyLength = payload.getInt(0);
            if ((int) c.getValue() != crc || keyLength < 0 || keyLength > length - 4) {
                skip(limit, "a CRC32C mismatch");
                return null;
            }
            String key = new String(payload.array(), 4, keyLength, StandardCharsets.UTF_8);
            String value = new String(payload.array(), 4 + keyLength, length - 4 - keyLength, StandardCharsets.UTF_8);
            offset += HEADER_BYTES + length;
            return new Frame(key, value, new Position(segment, offset));
        }

        private void readFully(ByteBuffer b, long at) throws IOException {
            for (int i = 0; i < 1_000 && b.hasRemaining(); i++) {
                if (in.read(b, at + b.position()) < 0) {
                    throw new IOException("segment " + segment + " ended inside a frame");
                }
            }
        }

        /** A frame that cannot be trusted ends what can be read of its segment (no resynchronisation). */
        private void skip(long limit, String why) {
            long bytes = limit - offset;
            corrupt.incrementAndGet();
            skippedBytes.addAndGet(bytes);
            UNDELIVERED.warnf("audit spool %s: segment %d has %s at offset %d: %d bytes skipped (a write cut "
                    + "short by a crash, or a damaged disk); records before it were sent", dir, segment, why,
                    offset, bytes);
            offset = limit;
        }

        private void closeIn() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    LOG.debugf("closing audit spool reader: %s", e.toString());
                }
                in = null;
            }
        }

        @Override
        public void close() {
            closeIn();
        }
    }

    private Path segmentPath(long n) {
        return dir.resolve(String.format("%020d%s", n, SUFFIX));
    }

    private static Long segmentNumber(Path p) {
        String name = p.getFileName().toString();
        if (!name.endsWith(SUFFIX) || name.length() != 20 + SUFFIX.length()) {
            return null;
        }
        try {
            return Long.parseLong(name.substring(0, 20));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Makes a created or renamed entry durable: on Linux a file's fsync does not cover its directory entry. */
    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    /** Stops taking records; what is spooled stays for the next open. Releases the directory lock. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (out != null) {
                try {
                    out.force(false);
                } catch (IOException e) {
                    LOG.warnf("audit spool %s: final force failed: %s", dir, e.toString());
                }
            }
            closeOut();
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.debugf("releasing audit spool lock: %s", e.toString());
        }
    }
}
