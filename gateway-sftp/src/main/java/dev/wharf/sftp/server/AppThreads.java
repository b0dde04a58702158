package dev.wharf.sftp.server;

import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.SshThreadPoolExecutor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads that call into the application (identity, policy, storage beans) carry the application's context class
 * loader. SSHD creates its threads from its own I/O threads, whose context class loader is not Quarkus's: CDI beans
 * created lazily on such a thread fail to load their classes (seen as "ClassNotFoundException:
 * jakarta.enterprise.inject.spi.InjectionPoint" when wharf-api's producer is first used).
 */
final class AppThreads {
    private final ClassLoader loader;

    /** Captures the context class loader of the thread that builds the gateway (Quarkus's, at startup). */
    AppThreads() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        this.loader = tccl != null ? tccl : AppThreads.class.getClassLoader();
    }

    /** Virtual threads for blocking service calls (connect checks, logins). */
    ExecutorService blocking(String prefix) {
        ThreadFactory virtual = Thread.ofVirtual().name(prefix, 0).factory();
        return Executors.newThreadPerTaskExecutor(r -> withLoader(virtual.newThread(r)));
    }

    /** One thread per SFTP channel: the subsystem must serve a channel's requests in order. */
    CloseableExecutorService sftpChannel() {
        AtomicLong n = new AtomicLong();
        ThreadFactory platform = r -> withLoader(Thread.ofPlatform().daemon(true)
                .name("wharf-sftp-channel-" + n.incrementAndGet()).unstarted(r));
        return new SshThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), platform);
    }

    private Thread withLoader(Thread t) {
        t.setContextClassLoader(loader);
        return t;
    }
}
