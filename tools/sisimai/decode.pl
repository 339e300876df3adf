#!/usr/bin/env perl
# Decodes bounce emails with Sisimai (Debian's libsisimai-perl) and prints one TSV row per bounced
# recipient, the same columns as `mailtriage decode`, so that the two can be compared row by row
# (tools/sisimai/diff.sh). Sisimai is only run here as a reference decoder; nothing of it is in the product.
#   perl tools/sisimai/decode.pl FILE_OR_DIR...      (.eml files, mbox files, Maildir or plain folders)
# Columns: file, message (1-based position in an mbox, 1 for a single email), recipient, reason,
#   status, replycode, command, action, decodedby, diagnostic (white space collapsed, at most 300 characters).
use strict;
use warnings;
use File::Find;
use Sisimai;
use Sisimai::Mail;
use Sisimai::Fact;

binmode STDOUT, ':raw';
my @files;
for my $argument (@ARGV) {
    if (-d $argument && !-d "$argument/cur" && !-d "$argument/new") {
        find({ no_chdir => 1, wanted => sub { push @files, $File::Find::name if -f $_ && !/\.(?:tsv|md|txt)$/ } }, $argument);
    } else {
        push @files, $argument;
    }
}
print join("\t", qw(file message recipient reason status replycode command action decodedby diagnostic)), "\n";
for my $file (sort @files) {
    my $mail = Sisimai::Mail->new($file) or next;
    my $position = 0;
    while (my $raw = $mail->data->read) {
        $position++;
        my $path = $mail->kind eq 'mailbox' ? $file : $mail->data->path;
        my $message = $mail->kind eq 'mailbox' ? $position : 1;
        my $facts = Sisimai::Fact->rise({ data => $raw, delivered => 1, vacation => 1, origin => $path }) || [];
        for my $fact (@$facts) {
            my $diagnostic = $fact->diagnosticcode // '';
            $diagnostic =~ s/\s+/ /g;
            $diagnostic = substr($diagnostic, 0, 300);
            print join("\t", $path, $message, lc($fact->recipient->address // ''), $fact->reason // '',
                $fact->deliverystatus // '', $fact->replycode // '', $fact->command // '', $fact->action // '',
                $fact->decodedby // '', $diagnostic), "\n";
        }
    }
}
